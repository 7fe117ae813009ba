/**
 * The high-level {@link io.whippet.client.producer.Producer}: background batching by partition
 * (linger, batch length, batch size), a bounded buffer with a choice of backpressure, partitioning
 * strategies including custom ones, send retries, creating the stream and topic when missing, and
 * a flush on close.
 */
@NullMarked
package io.whippet.client.producer;

import org.jspecify.annotations.NullMarked;
