/**
 * The connector plugin contract. A sink implements {@link io.whippet.connectors.api.Sink}, a source
 * {@link io.whippet.connectors.api.Source}; both are found with {@link java.util.ServiceLoader} and
 * named with {@link io.whippet.connectors.api.ConnectorPlugin}. Messages reach a sink decoded (a
 * {@link io.whippet.connectors.api.Payload}) together with their metadata, and a source hands back
 * {@link io.whippet.connectors.api.ProducedBatch}es. Plugins report failures by throwing {@link
 * io.whippet.protocol.WhippetException}; the runtime decides whether to retry.
 */
@NullMarked
package io.whippet.connectors.api;

import org.jspecify.annotations.NullMarked;
