/**
 * The connector runtime: reads the runtime config and the connector configs, loads plugins, runs a
 * consumer-group task per subscribed (stream, topic) for each sink and a poll loop for each source,
 * and serves the management API with Prometheus metrics. {@link
 * io.whippet.connectors.runtime.ConnectMain} starts it; {@link
 * io.whippet.connectors.runtime.ConnectRuntime} is the embeddable whole.
 */
@NullMarked
package io.whippet.connectors.runtime;

import org.jspecify.annotations.NullMarked;
