package io.whippet.storage;

import io.whippet.protocol.ErrorCode;
import io.whippet.protocol.MessageChecksum;
import io.whippet.protocol.MessageLayout;
import io.whippet.protocol.WhippetException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.random.RandomGenerator;

/**
 * Turns a batch as received into a batch as stored, in place: for each message it writes the
 * offset, the batch timestamp, a random UUIDv4 id where the id is 0, and finally the checksum, and
 * it adds the message's index entry both to the in-memory index and to a reusable buffer in file
 * layout, so the index file gets one write per batch. No per-message allocation.
 *
 * <p>Owned by the partition's appender.
 */
final class BatchPatcher {
    private final RandomGenerator random;
    private ByteBuffer indexEntries;

    BatchPatcher(RandomGenerator random) {
        this.random = random;
        this.indexEntries =
                ByteBuffer.allocateDirect(1024 * SegmentIndex.ENTRY_SIZE).order(ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * Patches the {@code messageCount} messages in {@code batch[position, limit)} and returns their
     * index entries in file layout (position 0 to limit). The in-memory index gets the entries
     * unpublished; on failure the caller discards them.
     *
     * @param startPosition where the batch will start in the segment's log
     */
    ByteBuffer patch(
            ByteBuffer batch,
            int messageCount,
            long firstOffset,
            long timestampMicros,
            int startPosition,
            GrowableIndex index) {
        ByteBuffer le = batch.order() == ByteOrder.LITTLE_ENDIAN
                ? batch
                : batch.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer entries = entriesBuffer(messageCount);
        long address = MessageChecksum.baseAddress(le);
        int relative = index.count();
        int at = batch.position();
        int end = batch.limit();
        for (int i = 0; i < messageCount; i++) {
            long size = end - at >= MessageLayout.HEADER_SIZE ? MessageLayout.messageSize(le, at) : -1;
            if (size < 0 || size > end - at) {
                throw new WhippetException(
                        ErrorCode.INVALID_MESSAGES_SIZE,
                        "message " + i + " at " + at + " does not fit the batch of " + (end - batch.position())
                                + " bytes");
            }
            int messageSize = (int) size;
            le.putLong(at + MessageLayout.OFFSET_OFFSET, firstOffset + i);
            le.putLong(at + MessageLayout.TIMESTAMP_OFFSET, timestampMicros);
            if (le.getLong(at + MessageLayout.ID_OFFSET) == 0 && le.getLong(at + MessageLayout.ID_OFFSET + 8) == 0) {
                writeRandomUuid(le, at + MessageLayout.ID_OFFSET);
            }
            le.putLong(at + MessageLayout.CHECKSUM_OFFSET, MessageChecksum.compute(le, address, at, messageSize));
            at += messageSize;
            int endPosition = startPosition + (at - batch.position());
            entries.putInt(relative + i).putInt(endPosition).putLong(timestampMicros);
            index.add(endPosition, timestampMicros);
        }
        if (at != end) {
            throw new WhippetException(
                    ErrorCode.INVALID_MESSAGES_SIZE,
                    "messages: " + messageCount + " end at " + at + " (expected: the batch end " + end + ")");
        }
        return entries.flip();
    }

    /**
     * A random UUID version 4 whose 16 bytes, in the UUID's own order, are the id's wire bytes (Iggy
     * reads them as a little-endian u128): the version nibble is in byte 6, the variant in byte 8.
     */
    private void writeRandomUuid(ByteBuffer le, int at) {
        long mostSignificant = (random.nextLong() & 0xFFFF_FFFF_FFFF_0FFFL) | 0x0000_0000_0000_4000L;
        long leastSignificant = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        // The buffer is little-endian; the UUID's bytes go out most significant first.
        le.putLong(at, Long.reverseBytes(mostSignificant));
        le.putLong(at + 8, Long.reverseBytes(leastSignificant));
    }

    private ByteBuffer entriesBuffer(int messageCount) {
        long needed = (long) messageCount * SegmentIndex.ENTRY_SIZE;
        if (needed > indexEntries.capacity()) {
            indexEntries = ByteBuffer.allocateDirect((int) Math.max(needed, 2L * indexEntries.capacity()))
                    .order(ByteOrder.LITTLE_ENDIAN);
        }
        return indexEntries.clear();
    }
}
