package io.whippet.cli;

import io.whippet.protocol.MessageLayout;
import io.whippet.protocol.response.PolledMessage;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.function.Consumer;

/**
 * The file {@code message poll --output-file} writes and {@code message send --input-file} reads:
 * messages back to back in their wire layout ({@link MessageLayout}: 64-byte header, payload, user
 * headers), so ids, headers and origin timestamps survive a round trip.
 */
final class MessageFile {
    private MessageFile() {}

    static void write(OutputStream out, PolledMessage message) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(message.encodedSize()).order(ByteOrder.LITTLE_ENDIAN);
        message.encode(buffer);
        out.write(buffer.array(), 0, buffer.position());
    }

    /**
     * Reads messages until the stream ends, handing each to {@code sink}; returns how many. A file
     * cut inside a message is an error naming the byte where the message started.
     */
    static long read(InputStream in, Consumer<PolledMessage> sink) throws IOException {
        DataInputStream data = new DataInputStream(in);
        byte[] header = new byte[MessageLayout.HEADER_SIZE];
        long count = 0;
        long position = 0;
        while (true) {
            int first = data.read();
            if (first < 0) {
                return count;
            }
            header[0] = (byte) first;
            try {
                data.readFully(header, 1, header.length - 1);
                ByteBuffer view = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
                long headersLength = Integer.toUnsignedLong(view.getInt(MessageLayout.USER_HEADERS_LENGTH_OFFSET));
                long payloadLength = Integer.toUnsignedLong(view.getInt(MessageLayout.PAYLOAD_LENGTH_OFFSET));
                if (payloadLength > MessageLayout.MAX_PAYLOAD_SIZE
                        || headersLength > MessageLayout.MAX_USER_HEADERS_SIZE) {
                    throw new UsageException("message file: message at byte " + position + " is not a message"
                            + " (payload " + payloadLength + " B, headers " + headersLength + " B)");
                }
                int size = (int) (MessageLayout.HEADER_SIZE + payloadLength + headersLength);
                byte[] whole = new byte[size];
                System.arraycopy(header, 0, whole, 0, header.length);
                data.readFully(whole, header.length, size - header.length);
                sink.accept(PolledMessage.decode(ByteBuffer.wrap(whole).order(ByteOrder.LITTLE_ENDIAN)));
                position += size;
                count++;
            } catch (EOFException e) {
                throw new UsageException("message file: cut inside the message at byte " + position, e);
            }
        }
    }
}
