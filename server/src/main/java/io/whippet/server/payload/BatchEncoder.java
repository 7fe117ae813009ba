package io.whippet.server.payload;

import io.whippet.protocol.ErrorCode;
import io.whippet.protocol.MessageLayout;
import io.whippet.protocol.WhippetException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Rewrites a validated batch from wire form to stored form: each payload compressed and/or
 * encrypted (see {@link StoredEncoding}), payload length and reserved flags updated, everything
 * else copied. The checksum is left to the append, which computes it over the stored bytes, so
 * recovery and {@code validate_checksum} check exactly what is on disk.
 *
 * <p>The output is the worker's direct buffer, sized once per batch from an exact bound (a
 * payload is compressed only when that makes it smaller, and encryption adds 28 bytes), so the
 * segment write needs no bounce copy. Stateless; runs on the sending request's thread.
 */
final class BatchEncoder {
    /** Payloads shorter than this are stored uncompressed: gzip's 18 bytes of framing eat the gain. */
    static final int MIN_COMPRESSED_PAYLOAD_BYTES = 64;

    private BatchEncoder() {}

    /**
     * @param batch messages in wire layout, position to limit, as validated by SendMessages
     * @return the stored form, position 0 to limit, in the worker's buffer (valid until the worker's next use)
     */
    static ByteBuffer encode(ByteBuffer batch, int count, boolean compress, boolean encrypt, PayloadWorker worker) {
        ByteBuffer in = batch.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        AesGcm aes = encrypt ? requireAes(worker) : null;
        long bound = in.remaining() + (encrypt ? (long) count * AesGcm.OVERHEAD_BYTES : 0);
        if (bound > Integer.MAX_VALUE - 16) {
            throw new WhippetException(
                    ErrorCode.INVALID_MESSAGES_SIZE, "batch of " + bound + " stored bytes (expected: < 2 GiB)");
        }
        ByteBuffer out = worker.direct((int) bound);
        int at = in.position();
        int end = in.limit();
        for (int i = 0; i < count; i++) {
            long size = end - at >= MessageLayout.HEADER_SIZE ? MessageLayout.messageSize(in, at) : -1;
            if (size < 0 || size > end - at) {
                throw new WhippetException(
                        ErrorCode.INVALID_MESSAGES_SIZE, "message " + i + " at " + at + " does not fit the batch");
            }
            int payloadLength = in.getInt(at + MessageLayout.PAYLOAD_LENGTH_OFFSET);
            int headersLength = in.getInt(at + MessageLayout.USER_HEADERS_LENGTH_OFFSET);
            int payloadStart = at + MessageLayout.HEADER_SIZE;
            int outAt = out.position();
            int bodyAt = outAt + MessageLayout.HEADER_SIZE;
            out.put(outAt, in, at, MessageLayout.HEADER_SIZE);
            ByteBuffer payload =
                    in.duplicate().limit(payloadStart + payloadLength).position(payloadStart);
            int compression = 0;
            int storedLength = payloadLength;
            if (compress && payloadLength >= MIN_COMPRESSED_PAYLOAD_BYTES) {
                // One byte less than the payload: a member that does not shrink it is not kept.
                // Into the heap scratch, then copied (or encrypted) into place: one path for both.
                ByteBuffer target = worker.scratch(payloadLength).limit(payloadLength - 1);
                int compressed = worker.gzip.compress(payload, target);
                if (compressed > 0) {
                    compression = StoredEncoding.GZIP;
                    storedLength = compressed;
                    payload = target.limit(compressed);
                }
            }
            if (aes != null) {
                storedLength = aes.seal(payload, out.duplicate().position(bodyAt));
            } else {
                out.put(bodyAt, payload, payload.position(), storedLength);
            }
            if (storedLength > MessageLayout.MAX_PAYLOAD_SIZE) {
                throw new WhippetException(
                        ErrorCode.TOO_BIG_MESSAGE_PAYLOAD,
                        "payload of message " + i + ": " + storedLength + " bytes once encrypted (expected: <= "
                                + MessageLayout.MAX_PAYLOAD_SIZE + ")");
            }
            out.put(bodyAt + storedLength, in, payloadStart + payloadLength, headersLength);
            out.putInt(outAt + MessageLayout.PAYLOAD_LENGTH_OFFSET, storedLength);
            out.putLong(outAt + MessageLayout.RESERVED_OFFSET, StoredEncoding.of(compression, encrypt));
            out.position(bodyAt + storedLength + headersLength);
            at += (int) size;
        }
        return out.flip();
    }

    static AesGcm requireAes(PayloadWorker worker) {
        AesGcm aes = worker.aes;
        if (aes == null) {
            throw new IllegalStateException("encryption asked for, but the server has no key");
        }
        return aes;
    }

    /**
     * Clears the reserved field of every message of a batch stored as sent, so that a client's
     * stray bits can never be read back as an encoding marker. Cheap: one store per message.
     */
    static void clearEncoding(ByteBuffer batch, int count) {
        ByteBuffer in = batch.order() == ByteOrder.LITTLE_ENDIAN
                ? batch
                : batch.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        int at = in.position();
        int end = in.limit();
        for (int i = 0; i < count && end - at >= MessageLayout.HEADER_SIZE; i++) {
            long size = MessageLayout.messageSize(in, at);
            if (size < 0) {
                return;
            }
            in.putLong(at + MessageLayout.RESERVED_OFFSET, 0);
            at += (int) size;
        }
    }
}
