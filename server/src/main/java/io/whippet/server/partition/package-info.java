/**
 * The data plane: the partitions of every topic on this node, their logs, consumer offsets and
 * per-partition state (deduplication), keyed by stream/topic/partition id and kept in step with
 * the metadata.
 */
@NullMarked
package io.whippet.server.partition;

import org.jspecify.annotations.NullMarked;
