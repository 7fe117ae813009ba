package io.whippet.protocol.command;

import io.whippet.protocol.CommandCode;
import io.whippet.protocol.ErrorCode;
import io.whippet.protocol.Identifier;
import io.whippet.protocol.MessageLayout;
import io.whippet.protocol.Partitioning;
import io.whippet.protocol.WhippetException;
import io.whippet.protocol.Wire;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * SendMessages (101): a batch of messages for one partition. Unlike every other command its
 * payload is not bounded by the 10 MiB control limit and the message area is never copied:
 * {@link #messages()} is a little-endian view of part D of the payload it was decoded from.
 *
 * <pre>
 * A [metadata_length:u32]
 * B [stream_id:Identifier][topic_id:Identifier][partitioning][messages_count:u32]
 * (metadata_length bytes)
 * C [relative_offset:u32 = 0][end_position:u32][timestamp:u64 = 0] × messages_count  (index)
 * D [message] × messages_count, to the end of the payload  (layout in {@link MessageLayout})
 * </pre>
 *
 * Decoding validates what the server checks before appending: a bad stream or topic identifier
 * is error 6 (this command parses its metadata with an older routine), any other metadata fault
 * error 3; then 4009 for an empty batch, 4035 for an index table longer than the payload, 4031 /
 * 4032 for a non-zero index offset / timestamp, 4037 for a message under 64 bytes, 4022 / 4017
 * for an oversized payload / user headers, and 4036 when positions go backwards or message sizes
 * do not add up to the size of D. The index is not kept: once valid, it is implied by the message
 * headers.
 *
 * @param messagesCount number of messages in {@code messages} (at least 1)
 * @param messages part D: messages back to back, little-endian, position 0 to limit
 */
public record SendMessages(
        Identifier streamId, Identifier topicId, Partitioning partitioning, int messagesCount, ByteBuffer messages)
        implements Command {
    public static final int INDEX_ENTRY_BYTES = 16;

    public SendMessages {
        if (messagesCount < 1) {
            throw new IllegalArgumentException("messages count: " + messagesCount + " (expected: >= 1)");
        }
    }

    public static SendMessages decode(ByteBuffer payload) {
        long metadataLength = Wire.u32(payload, "metadata length");
        ByteBuffer metadata = Wire.slice(payload, (int) Math.min(metadataLength, Integer.MAX_VALUE), "metadata");
        Identifier streamId = identifier(metadata, "stream id");
        Identifier topicId = identifier(metadata, "topic id");
        Partitioning partitioning = Partitioning.decode(metadata);
        long count = Wire.u32(metadata, "messages count");
        if (count == 0) {
            throw new WhippetException(ErrorCode.INVALID_MESSAGES_COUNT, "messages count: 0 (expected: >= 1)");
        }
        long indexBytes = count * INDEX_ENTRY_BYTES;
        if (indexBytes > payload.remaining()) {
            throw new WhippetException(
                    ErrorCode.INVALID_INDEXES_COUNT,
                    "messages count: " + count + " (expected: <= " + payload.remaining() / INDEX_ENTRY_BYTES
                            + ", the index entries that fit the frame)");
        }
        ByteBuffer index = Wire.slice(payload, (int) indexBytes, "index");
        ByteBuffer messages = Wire.slice(payload, payload.remaining(), "messages");
        validate(index, messages, (int) count);
        return new SendMessages(streamId, topicId, partitioning, (int) count, messages);
    }

    /** Lays out {@code messages} in a fresh buffer (copying their payloads once). */
    public static SendMessages of(
            Identifier streamId, Identifier topicId, Partitioning partitioning, List<OutgoingMessage> messages) {
        if (messages.isEmpty()) {
            throw new IllegalArgumentException("messages: 0 (expected: >= 1)");
        }
        long size = 0;
        for (OutgoingMessage message : messages) {
            size += message.encodedSize();
        }
        if (size > Integer.MAX_VALUE - 1024) {
            throw new IllegalArgumentException("batch size: " + size + " (expected: < 2 GiB)");
        }
        ByteBuffer area = ByteBuffer.allocate((int) size).order(ByteOrder.LITTLE_ENDIAN);
        for (OutgoingMessage message : messages) {
            message.encode(area);
        }
        return new SendMessages(streamId, topicId, partitioning, messages.size(), area.flip());
    }

    /**
     * Wraps an area of already laid-out messages (from position to limit), counting them from
     * their headers; the area is not copied. Fails when the headers do not tile the area exactly.
     */
    public static SendMessages ofLaidOut(
            Identifier streamId, Identifier topicId, Partitioning partitioning, ByteBuffer area) {
        ByteBuffer messages = area.slice().order(ByteOrder.LITTLE_ENDIAN);
        int count = 0;
        int position = 0;
        while (position < messages.limit()) {
            position = nextPosition(messages, position);
            count++;
        }
        if (count == 0) {
            throw new IllegalArgumentException("messages: 0 (expected: >= 1)");
        }
        return new SendMessages(streamId, topicId, partitioning, count, messages);
    }

    @Override
    public CommandCode code() {
        return CommandCode.SEND_MESSAGES;
    }

    /** Size of parts A, B and C: everything before the message area. */
    public int prefixSize() {
        return 4 + metadataSize() + messagesCount * INDEX_ENTRY_BYTES;
    }

    @Override
    public int encodedSize() {
        return prefixSize() + messages.remaining();
    }

    /** Writes parts A to D, copying the message area. */
    @Override
    public void encode(ByteBuffer out) {
        encodePrefix(out);
        out.put(messages.duplicate());
    }

    /**
     * Writes parts A, B and C only; the caller sends {@link #messages()} right after it (for
     * example as the second buffer of a gathering write), so the message area is never copied.
     */
    public void encodePrefix(ByteBuffer out) {
        out.putInt(metadataSize());
        streamId.encode(out);
        topicId.encode(out);
        partitioning.encode(out);
        out.putInt(messagesCount);
        int base = messages.position();
        int position = 0;
        for (int i = 0; i < messagesCount; i++) {
            position = nextPosition(messages, base + position) - base;
            out.putInt(0).putInt(position).putLong(0);
        }
        if (position != messages.remaining()) {
            throw new IllegalStateException("messages: " + messagesCount + " headers cover " + position
                    + " bytes (expected: " + messages.remaining() + ")");
        }
    }

    private int metadataSize() {
        return streamId.encodedSize() + topicId.encodedSize() + partitioning.encodedSize() + 4;
    }

    /** The absolute end of the message starting at {@code position}, checked against the limit. */
    private static int nextPosition(ByteBuffer messages, int position) {
        if (messages.limit() - position < MessageLayout.HEADER_SIZE) {
            throw new IllegalStateException("message at " + position + ": shorter than its 64-byte header");
        }
        long size = MessageLayout.messageSize(messages, position);
        if (size < 0 || size > messages.limit() - position) {
            throw new IllegalStateException("message at " + position + ": size " + size + " exceeds the area");
        }
        return position + (int) size;
    }

    private static Identifier identifier(ByteBuffer metadata, String field) {
        try {
            return Identifier.decode(metadata, field);
        } catch (WhippetException e) {
            throw new WhippetException(ErrorCode.INVALID_IDENTIFIER, String.valueOf(e.getMessage()), e);
        }
    }

    private static void validate(ByteBuffer index, ByteBuffer messages, int count) {
        long areaSize = messages.remaining();
        long previous = 0;
        for (int i = 0; i < count; i++) {
            int entry = i * INDEX_ENTRY_BYTES;
            long relativeOffset = Integer.toUnsignedLong(index.getInt(entry));
            if (relativeOffset != 0) {
                throw new WhippetException(
                        ErrorCode.NON_ZERO_OFFSET, "index " + i + " offset: " + relativeOffset + " (expected: 0)");
            }
            long position = Integer.toUnsignedLong(index.getInt(entry + 4));
            long timestamp = index.getLong(entry + 8);
            if (timestamp != 0) {
                throw new WhippetException(
                        ErrorCode.NON_ZERO_TIMESTAMP,
                        "index " + i + " timestamp: " + Long.toUnsignedString(timestamp) + " (expected: 0)");
            }
            if (position < previous || position > areaSize) {
                throw new WhippetException(
                        ErrorCode.INVALID_MESSAGES_SIZE,
                        "index " + i + " position: " + position + " (expected: " + previous + ".." + areaSize + ")");
            }
            long size = position - previous;
            if (size < MessageLayout.HEADER_SIZE) {
                throw new WhippetException(
                        ErrorCode.TOO_SMALL_MESSAGE, "message " + i + " size: " + size + " (expected: >= 64)");
            }
            int start = (int) previous;
            long headersLength =
                    Integer.toUnsignedLong(messages.getInt(start + MessageLayout.USER_HEADERS_LENGTH_OFFSET));
            long payloadLength = Integer.toUnsignedLong(messages.getInt(start + MessageLayout.PAYLOAD_LENGTH_OFFSET));
            if (payloadLength > MessageLayout.MAX_PAYLOAD_SIZE) {
                throw new WhippetException(
                        ErrorCode.TOO_BIG_MESSAGE_PAYLOAD,
                        "message " + i + " payload length: " + payloadLength + " (expected: <= "
                                + MessageLayout.MAX_PAYLOAD_SIZE + ")");
            }
            if (headersLength > MessageLayout.MAX_USER_HEADERS_SIZE) {
                throw new WhippetException(
                        ErrorCode.TOO_BIG_USER_HEADERS,
                        "message " + i + " user headers length: " + headersLength + " (expected: <= "
                                + MessageLayout.MAX_USER_HEADERS_SIZE + ")");
            }
            long declared = MessageLayout.HEADER_SIZE + payloadLength + headersLength;
            if (declared != size) {
                throw new WhippetException(
                        ErrorCode.INVALID_MESSAGES_SIZE,
                        "message " + i + " size: " + declared + " (expected: " + size + ", from the index)");
            }
            previous = position;
        }
        if (previous != areaSize) {
            throw new WhippetException(
                    ErrorCode.INVALID_MESSAGES_SIZE,
                    "messages size: " + previous + " (expected: " + areaSize + ", the rest of the frame)");
        }
    }
}
