package io.whippet.server.quic.ngtcp2;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.function.IntUnaryOperator;
import org.junit.jupiter.api.Test;

class StreamRequestTest {
    private static final IntUnaryOperator LIMIT_100 = code -> 100;
    private static final StreamRequest.Reserver ANY = bytes -> null;

    private static byte[] frame(int code, byte[] payload) {
        return ByteBuffer.allocate(8 + payload.length)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putInt(4 + payload.length)
                .putInt(code)
                .put(payload)
                .array();
    }

    private static MemorySegment bytes(byte[] all, int from, int to) {
        return MemorySegment.ofArray(java.util.Arrays.copyOfRange(all, from, to));
    }

    @Test
    void aFrameSplitAtEveryByteIsAssembledOnce() {
        byte[] frame = frame(7, new byte[] {1, 2, 3, 4, 5});
        for (int split = 0; split <= frame.length; split++) {
            StreamRequest request = new StreamRequest();
            StreamRequest.Step first = request.offer(bytes(frame, 0, split), false, LIMIT_100, ANY);
            StreamRequest.Step second = request.offer(bytes(frame, split, frame.length), true, LIMIT_100, ANY);
            StreamRequest.Step complete = first instanceof StreamRequest.Complete ? first : second;
            assertThat(complete).as("split at %d", split).isInstanceOf(StreamRequest.Complete.class);
            var done = (StreamRequest.Complete) complete;
            assertThat(done.code()).isEqualTo(7);
            byte[] payload = new byte[done.payload().remaining()];
            done.payload().get(payload);
            assertThat(payload).containsExactly(1, 2, 3, 4, 5);
        }
    }

    @Test
    void anEmptyPayloadCompletesWithTheHeader() {
        StreamRequest.Step step =
                new StreamRequest().offer(MemorySegment.ofArray(frame(1, new byte[0])), true, LIMIT_100, ANY);

        assertThat(step).isInstanceOf(StreamRequest.Complete.class);
        assertThat(((StreamRequest.Complete) step).payload().remaining()).isZero();
    }

    @Test
    void aLengthOverTheLimitIsRejectedFromTheHeaderAlone() {
        byte[] header = ByteBuffer.allocate(8)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putInt(4 + 101)
                .putInt(3)
                .array();

        StreamRequest.Step step = new StreamRequest().offer(MemorySegment.ofArray(header), false, LIMIT_100, ANY);

        assertThat(step).isInstanceOf(StreamRequest.Rejected.class);
        assertThat(((StreamRequest.Rejected) step).reason()).contains("101").contains("100");
    }

    @Test
    void aLengthBelowFourIsRejected() {
        byte[] header = ByteBuffer.allocate(8)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putInt(3)
                .putInt(1)
                .array();

        assertThat(new StreamRequest().offer(MemorySegment.ofArray(header), false, LIMIT_100, ANY))
                .isInstanceOf(StreamRequest.Rejected.class);
    }

    @Test
    void finBeforeTheFrameEndsIsRejected() {
        byte[] frame = frame(2, new byte[10]);

        assertThat(new StreamRequest().offer(bytes(frame, 0, 4), true, LIMIT_100, ANY))
                .isInstanceOf(StreamRequest.Rejected.class);
        assertThat(new StreamRequest().offer(bytes(frame, 0, 12), true, LIMIT_100, ANY))
                .isInstanceOf(StreamRequest.Rejected.class);
    }

    @Test
    void bytesAfterTheFrameAreRejectedAndLaterBytesIgnored() {
        byte[] frame = frame(2, new byte[3]);
        byte[] withExtra = java.util.Arrays.copyOf(frame, frame.length + 1);
        StreamRequest request = new StreamRequest();

        assertThat(request.offer(MemorySegment.ofArray(withExtra), false, LIMIT_100, ANY))
                .isInstanceOf(StreamRequest.Rejected.class);
        assertThat(request.offer(MemorySegment.ofArray(frame), true, LIMIT_100, ANY))
                .isInstanceOf(StreamRequest.Pending.class);
    }

    @Test
    void aHeaderOverTheBudgetIsRejectedWithTheBudgetsReasonAndReservesNothing() {
        byte[] header = ByteBuffer.allocate(8)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putInt(4 + 50)
                .putInt(3)
                .array();
        StreamRequest request = new StreamRequest();

        StreamRequest.Step step =
                request.offer(MemorySegment.ofArray(header), false, LIMIT_100, bytes -> "no room for " + bytes);

        assertThat(step).isEqualTo(new StreamRequest.Rejected("no room for 50"));
        assertThat(request.reservedBytes()).isZero();
    }

    @Test
    void aReservedRequestRemembersItsShareUntilItsStreamCloses() {
        java.util.List<Long> asked = new java.util.ArrayList<>();
        StreamRequest request = new StreamRequest();

        StreamRequest.Step step =
                request.offer(MemorySegment.ofArray(frame(3, new byte[42])), true, LIMIT_100, bytes -> {
                    asked.add(bytes);
                    return null;
                });

        assertThat(step).isInstanceOf(StreamRequest.Complete.class);
        assertThat(asked).containsExactly(42L);
        assertThat(request.reservedBytes()).isEqualTo(42);
    }
}
