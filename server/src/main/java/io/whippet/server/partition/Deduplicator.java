package io.whippet.server.partition;

import io.whippet.protocol.MessageLayout;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Per-partition message deduplication by client-chosen message id (Iggy's
 * {@code message_deduplication}): a message whose non-zero id was seen within the last
 * {@code expiryMicros} and among the last {@code maxEntries} ids is dropped from its batch.
 * Id 0 means "let the server generate one" and is never a duplicate.
 *
 * <p>Owned by the partition's append path (called under the partition's append lock).
 */
final class Deduplicator {
    private final int maxEntries;
    private final long expiryMicros;
    private final LinkedHashMap<Id, Long> seenAtMicros;

    private record Id(long low, long high) {}

    Deduplicator(int maxEntries, long expiryMicros) {
        this.maxEntries = maxEntries;
        this.expiryMicros = expiryMicros;
        this.seenAtMicros = new LinkedHashMap<>(16, 0.75f, false) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<Id, Long> eldest) {
                return size() > Deduplicator.this.maxEntries;
            }
        };
    }

    /**
     * Removes duplicates from the batch in place (later messages slide down over dropped ones) and
     * records the ids kept.
     *
     * @param messages the batch, position..limit, little-endian, already validated
     * @param count messages in the batch
     * @return messages left; the buffer's limit is moved to the end of the last one kept
     */
    int filter(ByteBuffer messages, int count, long nowMicros) {
        expire(nowMicros);
        int read = messages.position();
        int write = read;
        int kept = 0;
        for (int i = 0; i < count; i++) {
            int size = (int) MessageLayout.messageSize(messages, read);
            long low = messages.getLong(read + MessageLayout.ID_OFFSET);
            long high = messages.getLong(read + MessageLayout.ID_OFFSET + 8);
            boolean generated = low == 0 && high == 0;
            boolean duplicate = !generated && seenAtMicros.containsKey(new Id(low, high));
            if (!duplicate) {
                if (!generated) {
                    seenAtMicros.put(new Id(low, high), nowMicros);
                }
                if (write != read) {
                    messages.put(write, messages, read, size);
                }
                write += size;
                kept++;
            }
            read += size;
        }
        messages.limit(write);
        return kept;
    }

    private void expire(long nowMicros) {
        if (expiryMicros == Long.MAX_VALUE) {
            return;
        }
        var iterator = seenAtMicros.values().iterator();
        while (iterator.hasNext() && nowMicros - iterator.next() > expiryMicros) {
            iterator.remove();
        }
    }

    int size() {
        return seenAtMicros.size();
    }
}
