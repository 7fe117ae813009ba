/**
 * Payload transforms configured with {@code [transforms.<type>]} tables (spec §8): add, delete,
 * update and filter fields, unwrap an envelope. They work on JSON object payloads and pass every
 * other payload through unchanged. All are immutable and thread-safe.
 */
@NullMarked
package io.whippet.connectors.runtime.transform;

import org.jspecify.annotations.NullMarked;
