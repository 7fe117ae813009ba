package io.whippet.server.payload;

import io.whippet.protocol.ErrorCode;
import io.whippet.protocol.MessageChecksum;
import io.whippet.protocol.MessageLayout;
import io.whippet.protocol.WhippetException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.jspecify.annotations.Nullable;

/**
 * Turns stored messages back into what their producer sent: each flagged payload decrypted and/or
 * inflated, payload length restored, reserved cleared and the checksum recomputed over the
 * decoded bytes, so clients see the message as if it had been stored plain. Messages stored plain
 * are copied as they are; a run with no flagged message is returned without a second copy.
 *
 * <p>Output is bounded by {@code maxBytes} of decoded messages (at least one message), because a
 * well-compressed poll can be many times larger than what it read. Stateless; runs on the polling
 * request's thread.
 */
final class BatchDecoder {
    private BatchDecoder() {}

    /**
     * @param stored a little-endian heap buffer: {@code prefixBytes} free bytes, then whole stored
     *     messages back to back up to its limit
     */
    static DecodedMessages decode(ByteBuffer stored, int prefixBytes, long maxBytes, PayloadWorker worker) {
        ByteBuffer in = stored.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        int end = in.limit();
        int count = 0;
        long lastOffset = -1;
        boolean flagged = false;
        long decodedEstimate = 0;
        for (int at = prefixBytes; at < end; ) {
            int size = messageSize(in, at, end);
            long flags = StoredEncoding.flags(in, at);
            flagged |= flags != 0;
            decodedEstimate += size;
            lastOffset = in.getLong(at + MessageLayout.OFFSET_OFFSET);
            count++;
            at += size;
        }
        if (!flagged) {
            return new DecodedMessages(
                    stored.duplicate().order(ByteOrder.LITTLE_ENDIAN).position(0), count, lastOffset);
        }
        // Room for twice the stored size; a better-compressed poll grows the buffer as it goes.
        ByteBuffer out = ByteBuffer.allocate((int) Math.min(Integer.MAX_VALUE - 16, prefixBytes + decodedEstimate * 2))
                .order(ByteOrder.LITTLE_ENDIAN);
        out.position(prefixBytes);
        count = 0;
        for (int at = prefixBytes; at < end; ) {
            int size = messageSize(in, at, end);
            long offset = in.getLong(at + MessageLayout.OFFSET_OFFSET);
            long limitPosition =
                    count == 0 || maxBytes > Long.MAX_VALUE - prefixBytes ? Long.MAX_VALUE : prefixBytes + maxBytes;
            ByteBuffer decoded = decodeOne(in, at, offset, worker, out, limitPosition);
            if (decoded == null) {
                break;
            }
            out = decoded;
            lastOffset = offset;
            count++;
            at += size;
        }
        return new DecodedMessages(out.flip(), count, lastOffset);
    }

    /**
     * Appends the decoded form of the message at {@code at} to {@code out} (growing it if needed)
     * and returns the buffer now holding the output, or null when the message would end past
     * {@code limitPosition} of the output.
     */
    private static @Nullable ByteBuffer decodeOne(
            ByteBuffer in, int at, long offset, PayloadWorker worker, ByteBuffer out, long limitPosition) {
        long flags = StoredEncoding.flags(in, at);
        if (!StoredEncoding.readable(flags)) {
            throw new WhippetException(
                    ErrorCode.CANNOT_READ_MESSAGE,
                    "message at offset " + offset + ": unknown payload encoding 0x" + Long.toHexString(flags));
        }
        boolean encrypted = StoredEncoding.encrypted(flags);
        boolean compressed = StoredEncoding.compression(flags) == StoredEncoding.GZIP;
        int payloadLength = in.getInt(at + MessageLayout.PAYLOAD_LENGTH_OFFSET);
        int headersLength = in.getInt(at + MessageLayout.USER_HEADERS_LENGTH_OFFSET);
        int payloadStart = at + MessageLayout.HEADER_SIZE;
        ByteBuffer payload = in.duplicate().limit(payloadStart + payloadLength).position(payloadStart);
        AesGcm aes = null;
        if (encrypted) {
            aes = worker.aes;
            if (aes == null) {
                throw new WhippetException(
                        ErrorCode.CANNOT_DECRYPT_DATA,
                        "message at offset " + offset + " is encrypted, but system.encryption is not enabled");
            }
        }
        ByteBuffer member = payload;
        if (aes != null && compressed) {
            ByteBuffer scratch = worker.scratch(Math.max(0, payloadLength - AesGcm.OVERHEAD_BYTES));
            int opened = aes.open(payload, scratch, offset);
            member = scratch.limit(opened);
        }
        int decodedLength;
        if (compressed) {
            decodedLength = Gzip.originalLength(member, offset);
        } else if (aes != null) {
            if (payloadLength < AesGcm.OVERHEAD_BYTES) {
                throw new WhippetException(
                        ErrorCode.CANNOT_DECRYPT_DATA,
                        "message at offset " + offset + ": encrypted payload of " + payloadLength
                                + " bytes (expected: >= " + AesGcm.OVERHEAD_BYTES + ")");
            }
            decodedLength = payloadLength - AesGcm.OVERHEAD_BYTES;
        } else {
            decodedLength = payloadLength;
        }
        int decodedSize = MessageLayout.HEADER_SIZE + decodedLength + headersLength;
        int outAt = out.position();
        if (outAt + (long) decodedSize > limitPosition) {
            return null;
        }
        ByteBuffer target = ensure(out, decodedSize);
        int bodyAt = outAt + MessageLayout.HEADER_SIZE;
        target.put(outAt, in, at, MessageLayout.HEADER_SIZE);
        ByteBuffer body = target.duplicate().limit(bodyAt + decodedLength).position(bodyAt);
        if (compressed) {
            worker.gzip.decompress(member, body, offset);
        } else if (aes != null) {
            aes.open(payload, body, offset);
        } else {
            target.put(bodyAt, in, payloadStart, payloadLength);
        }
        target.put(bodyAt + decodedLength, in, payloadStart + payloadLength, headersLength);
        target.putInt(outAt + MessageLayout.PAYLOAD_LENGTH_OFFSET, decodedLength);
        target.putLong(outAt + MessageLayout.RESERVED_OFFSET, 0);
        target.putLong(outAt + MessageLayout.CHECKSUM_OFFSET, MessageChecksum.compute(target, outAt, decodedSize));
        return target.position(outAt + decodedSize);
    }

    /** {@code out}, or a copy with room for {@code more} bytes after its position. */
    private static ByteBuffer ensure(ByteBuffer out, int more) {
        if (out.remaining() >= more) {
            return out;
        }
        long capacity = Math.max((long) out.position() + more, 2L * out.capacity());
        if (capacity > Integer.MAX_VALUE - 16) {
            throw new WhippetException(ErrorCode.CANNOT_READ_MESSAGE, "decoded poll exceeds 2 GiB");
        }
        ByteBuffer grown = ByteBuffer.allocate((int) capacity).order(ByteOrder.LITTLE_ENDIAN);
        grown.put(out.flip());
        return grown;
    }

    private static int messageSize(ByteBuffer in, int at, int end) {
        long size = end - at >= MessageLayout.HEADER_SIZE ? MessageLayout.messageSize(in, at) : -1;
        if (size < 0 || size > end - at) {
            throw new WhippetException(ErrorCode.CANNOT_READ_MESSAGE, "stored message at " + at + " has bad lengths");
        }
        return (int) size;
    }
}
