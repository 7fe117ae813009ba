package io.whippet.client.consumer;

/**
 * How far a consumer got on one partition: the last offset delivered to the handler, the last one
 * the handler finished, and the last one stored on the server (-1 = none yet). Owned by the
 * consumer's polling thread.
 */
final class PartitionProgress {
    long lastDelivered = -1;
    long lastHandled = -1;
    long lastCommitted = -1;
    long handledSinceCommit;

    boolean hasUncommitted() {
        return lastHandled > lastCommitted;
    }
}
