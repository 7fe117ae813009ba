package io.whippet.client.tcp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.whippet.client.Message;
import io.whippet.protocol.CommandCode;
import io.whippet.protocol.Frames;
import io.whippet.protocol.Identifier;
import io.whippet.protocol.Partitioning;
import io.whippet.protocol.UserHeaders;
import io.whippet.protocol.command.Command;
import io.whippet.protocol.command.SendMessages;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * Lays out request frames directly in pooled buffers: the protocol codecs write into a
 * little-endian NIO view of the buffer's memory, so nothing is staged on the heap.
 *
 * <pre>
 * [length:u32 = 4 + payload][code:u32][payload]
 * SendMessages payload:
 * [metadata_length:u32][stream][topic][partitioning][count:u32]
 * [0:u32][end_position:u32][0:u64] × count          (index)
 * [message] × count                                  (64-byte header, payload, user headers)
 * </pre>
 */
public final class RequestEncoder {
    private RequestEncoder() {}

    public static ByteBuf encode(ByteBufAllocator allocator, Command command) {
        int payloadBytes = command.encodedSize();
        int frameBytes = Frames.REQUEST_HEADER_BYTES + payloadBytes;
        ByteBuf frame = allocator.ioBuffer(frameBytes, frameBytes);
        try {
            ByteBuffer out = view(frame, frameBytes);
            Frames.encodeRequestHeader(out, command.code(), payloadBytes);
            command.encode(out);
            return finish(frame, out, frameBytes);
        } catch (RuntimeException e) {
            frame.release();
            throw e;
        }
    }

    /** A SendMessages frame with each payload copied once, straight into the pooled buffer. */
    public static ByteBuf encodeSend(
            ByteBufAllocator allocator,
            Identifier streamId,
            Identifier topicId,
            Partitioning partitioning,
            List<Message> messages) {
        int count = messages.size();
        if (count == 0) {
            throw new IllegalArgumentException("messages: 0 (expected: >= 1)");
        }
        int metadataBytes = streamId.encodedSize() + topicId.encodedSize() + partitioning.encodedSize() + 4;
        long messagesBytes = 0;
        for (Message message : messages) {
            messagesBytes += message.encodedSize();
        }
        long frameBytesLong = Frames.REQUEST_HEADER_BYTES
                + 4L
                + metadataBytes
                + (long) count * SendMessages.INDEX_ENTRY_BYTES
                + messagesBytes;
        if (frameBytesLong > Integer.MAX_VALUE - 64) {
            throw new IllegalArgumentException("batch size: " + frameBytesLong + " bytes (expected: < 2 GiB)");
        }
        int frameBytes = (int) frameBytesLong;
        ByteBuf frame = allocator.ioBuffer(frameBytes, frameBytes);
        try {
            ByteBuffer out = view(frame, frameBytes);
            Frames.encodeRequestHeader(out, CommandCode.SEND_MESSAGES, frameBytes - Frames.REQUEST_HEADER_BYTES);
            out.putInt(metadataBytes);
            streamId.encode(out);
            topicId.encode(out);
            partitioning.encode(out);
            out.putInt(count);
            int endPosition = 0;
            for (Message message : messages) {
                endPosition += message.encodedSize();
                out.putInt(0).putInt(endPosition).putLong(0);
            }
            for (Message message : messages) {
                writeMessage(out, message);
            }
            return finish(frame, out, frameBytes);
        } catch (RuntimeException e) {
            frame.release();
            throw e;
        }
    }

    private static void writeMessage(ByteBuffer out, Message message) {
        boolean hasHeaders = !message.userHeaders().isEmpty();
        int headersBytes = hasHeaders ? UserHeaders.encodedSize(message.userHeaders()) : 0;
        out.putLong(0) // checksum: the server computes it
                .putLong(message.idLow())
                .putLong(message.idHigh())
                .putLong(0) // offset: assigned on append
                .putLong(0) // timestamp: assigned on append
                .putLong(message.originTimestampMicros())
                .putInt(headersBytes)
                .putInt(message.payload().length)
                .putLong(0)
                .put(message.payload());
        if (hasHeaders) {
            UserHeaders.encode(message.userHeaders(), out);
        }
    }

    private static ByteBuffer view(ByteBuf frame, int frameBytes) {
        return frame.nioBuffer(0, frameBytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static ByteBuf finish(ByteBuf frame, ByteBuffer out, int frameBytes) {
        if (out.position() != frameBytes) {
            throw new IllegalStateException(
                    "encoded frame: " + out.position() + " bytes (expected: " + frameBytes + ")");
        }
        return frame.writerIndex(frameBytes);
    }
}
