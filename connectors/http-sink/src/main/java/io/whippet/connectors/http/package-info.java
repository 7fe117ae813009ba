/**
 * The HTTP sink (connector spec §10): delivers consumed messages to one URL, one request per
 * message or one per batch (NDJSON or a JSON array), optionally wrapped in a metadata envelope,
 * with retries for transient failures that honour {@code Retry-After}.
 */
@NullMarked
package io.whippet.connectors.http;

import org.jspecify.annotations.NullMarked;
