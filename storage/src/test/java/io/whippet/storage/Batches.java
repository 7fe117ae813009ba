package io.whippet.storage;

import io.whippet.protocol.MessageChecksum;
import io.whippet.protocol.MessageLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/** Builds batches in wire layout and parses read results back, for tests. */
final class Batches {
    private Batches() {}

    /** A message as stored. */
    record Stored(long offset, long timestampMicros, long idLow, long idHigh, long checksum, byte[] payload) {}

    /** A batch of messages whose payloads are {@code payloadSize} bytes derived from {@code tag + i}. */
    static ByteBuffer batch(int count, int payloadSize, long tag) {
        ByteBuffer buffer = ByteBuffer.allocate(count * (MessageLayout.HEADER_SIZE + payloadSize))
                .order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < count; i++) {
            int at = buffer.position();
            buffer.putInt(at + MessageLayout.PAYLOAD_LENGTH_OFFSET, payloadSize);
            buffer.position(at + MessageLayout.HEADER_SIZE);
            buffer.put(payload(tag + i, payloadSize));
        }
        return buffer.flip();
    }

    static byte[] payload(long tag, int size) {
        byte[] bytes = new byte[size];
        long state = tag * 0x9E3779B97F4A7C15L + 1;
        for (int i = 0; i < size; i++) {
            state ^= state << 13;
            state ^= state >>> 7;
            state ^= state << 17;
            bytes[i] = (byte) state;
        }
        return bytes;
    }

    /** Parses messages back to back, checking each checksum. */
    static List<Stored> parse(ByteBuffer bytes) {
        ByteBuffer le = bytes.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        List<Stored> messages = new ArrayList<>();
        int at = le.position();
        while (at < le.limit()) {
            int size = (int) MessageLayout.messageSize(le, at);
            long checksum = le.getLong(at);
            if (checksum != MessageChecksum.compute(le, at, size)) {
                throw new AssertionError("bad checksum at " + at);
            }
            byte[] payload = new byte[le.getInt(at + MessageLayout.PAYLOAD_LENGTH_OFFSET)];
            le.get(at + MessageLayout.HEADER_SIZE, payload);
            messages.add(new Stored(
                    le.getLong(at + MessageLayout.OFFSET_OFFSET),
                    le.getLong(at + MessageLayout.TIMESTAMP_OFFSET),
                    le.getLong(at + MessageLayout.ID_OFFSET),
                    le.getLong(at + MessageLayout.ID_OFFSET + 8),
                    checksum,
                    payload));
            at += size;
        }
        return messages;
    }

    static List<Stored> read(PartitionLog log, ReadQuery query) {
        try (ReadResult result = log.read(query)) {
            List<Stored> messages = parse(result.copyToBuffer());
            if (messages.size() != result.messageCount()) {
                throw new AssertionError("count " + result.messageCount() + " but parsed " + messages.size());
            }
            return messages;
        }
    }

    static List<Long> offsets(List<Stored> messages) {
        return messages.stream().map(Stored::offset).toList();
    }
}
