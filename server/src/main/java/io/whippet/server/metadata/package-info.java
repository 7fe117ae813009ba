/**
 * Server metadata: streams, topics, partitions, consumer groups, users and personal access tokens,
 * kept as an in-memory model that changes only by applying logged {@link
 * io.whippet.server.metadata.MetadataCommand}s, plus the runtime (unlogged) consumer-group
 * membership. This package depends on {@code protocol} only: no storage, no transport.
 */
@NullMarked
package io.whippet.server.metadata;

import org.jspecify.annotations.NullMarked;
