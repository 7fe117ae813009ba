/**
 * The high-level {@link io.whippet.client.consumer.Consumer}: reads one partition or a consumer
 * group's share of a topic, hands each message to a handler, and stores offsets per {@link
 * io.whippet.client.consumer.AutoCommit} — by default only after the handler returned
 * (at-least-once). Rejoins its group after a reconnect and leaves it on close.
 */
@NullMarked
package io.whippet.client.consumer;

import org.jspecify.annotations.NullMarked;
