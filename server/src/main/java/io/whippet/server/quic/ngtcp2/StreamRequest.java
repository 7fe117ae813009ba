package io.whippet.server.quic.ngtcp2;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.function.IntUnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * The request frame of one QUIC stream, gathered from the stream's bytes as they arrive:
 *
 * <pre>
 * [length u32 = 4 + N][code u32][payload: N bytes] FIN
 * </pre>
 *
 * <p>The length is checked against the limit for the code, and then reserved in the connection's
 * {@link io.whippet.server.quic.RequestBudget}, as soon as the 8-byte header is in, before anything
 * is allocated; the payload is then gathered into one buffer of exactly its size. The reservation
 * stays with this request ({@link #reservedBytes}) until its stream is closed. Used on the endpoint
 * thread only.
 */
final class StreamRequest {
    static final int HEADER_BYTES = 8;

    /** What the bytes offered so far amount to. */
    sealed interface Step {}

    /** More bytes are needed. */
    record Pending() implements Step {}

    /** The frame is complete; {@code payload} is little-endian, position 0. */
    record Complete(int code, ByteBuffer payload) implements Step {}

    /** The frame is malformed or too large: answer InvalidCommand and stop reading the stream. */
    record Rejected(String reason) implements Step {}

    /** Takes room for a request's payload, or answers why there is none. */
    @FunctionalInterface
    interface Reserver {
        @Nullable
        String reserve(long payloadBytes);
    }

    private static final Pending PENDING = new Pending();

    private final ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    private @Nullable ByteBuffer payload;
    private int code;
    private boolean finished;
    private long reservedBytes;

    /**
     * Takes the next bytes of the stream; {@code limitForCode} gives the largest payload allowed
     * for a code, and {@code reserver} must make room for it. After a {@link Complete} or {@link
     * Rejected} step the request is finished and later bytes are ignored (answered with {@link
     * Pending}).
     */
    Step offer(MemorySegment bytes, boolean fin, IntUnaryOperator limitForCode, Reserver reserver) {
        if (finished) {
            return PENDING;
        }
        long offset = 0;
        long size = bytes.byteSize();
        if (header.hasRemaining()) {
            int take = (int) Math.min(header.remaining(), size);
            for (int i = 0; i < take; i++) {
                header.put(bytes.get(ValueLayout.JAVA_BYTE, offset + i));
            }
            offset += take;
            if (header.hasRemaining()) {
                return fin ? reject("stream finished inside the frame header") : PENDING;
            }
            long length = Integer.toUnsignedLong(header.getInt(0));
            code = header.getInt(4);
            if (length < 4) {
                return reject("frame length: " + length + " (expected: >= 4)");
            }
            long payloadBytes = length - 4;
            int limit = limitForCode.applyAsInt(code);
            if (payloadBytes > limit) {
                return reject("frame payload length: " + payloadBytes + " (expected: <= " + limit + ")");
            }
            String refused = reserver.reserve(payloadBytes);
            if (refused != null) {
                return reject(refused);
            }
            reservedBytes = payloadBytes;
            payload = ByteBuffer.allocate((int) payloadBytes).order(ByteOrder.LITTLE_ENDIAN);
        }
        ByteBuffer target = payload;
        if (target == null) {
            return PENDING;
        }
        long rest = size - offset;
        if (rest > target.remaining()) {
            return reject("bytes after the request frame");
        }
        MemorySegment.copy(bytes, ValueLayout.JAVA_BYTE, offset, target.array(), target.position(), (int) rest);
        target.position(target.position() + (int) rest);
        if (!target.hasRemaining()) {
            finished = true;
            payload = null;
            return new Complete(code, target.flip());
        }
        return fin ? reject("stream finished before the request frame was complete") : PENDING;
    }

    /** What this request holds of its connection's budget; to be released when its stream closes. */
    long reservedBytes() {
        return reservedBytes;
    }

    private Rejected reject(String reason) {
        finished = true;
        payload = null;
        return new Rejected(reason);
    }
}
