package io.whippet.server.partition;

import static org.assertj.core.api.Assertions.assertThat;

import io.whippet.protocol.MessageLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeduplicatorTest {
    /** A batch of messages with the given ids (0 = server-generated) and 1-byte payloads naming their index. */
    private static ByteBuffer batch(long... ids) {
        ByteBuffer buffer = ByteBuffer.allocate(ids.length * 65).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < ids.length; i++) {
            int start = buffer.position();
            buffer.putLong(start + MessageLayout.ID_OFFSET, ids[i]);
            buffer.putInt(start + MessageLayout.PAYLOAD_LENGTH_OFFSET, 1);
            buffer.put(start + MessageLayout.HEADER_SIZE, (byte) i);
            buffer.position(start + 65);
        }
        return buffer.flip();
    }

    private static List<Integer> payloads(ByteBuffer buffer) {
        List<Integer> result = new ArrayList<>();
        for (int p = buffer.position(); p < buffer.limit(); p += 65) {
            result.add((int) buffer.get(p + MessageLayout.HEADER_SIZE));
        }
        return result;
    }

    @Test
    void dropsIdsSeenInEarlierBatchesAndWithinTheSameBatch() {
        Deduplicator deduplicator = new Deduplicator(100, Long.MAX_VALUE);
        ByteBuffer first = batch(1, 2);
        assertThat(deduplicator.filter(first, 2, 0)).isEqualTo(2);
        ByteBuffer second = batch(2, 3, 3, 4);
        assertThat(deduplicator.filter(second, 4, 1)).isEqualTo(2);
        assertThat(payloads(second)).containsExactly(1, 3);
    }

    @Test
    void serverGeneratedIdsAreNeverDuplicates() {
        Deduplicator deduplicator = new Deduplicator(100, Long.MAX_VALUE);
        ByteBuffer buffer = batch(0, 0, 0);
        assertThat(deduplicator.filter(buffer, 3, 0)).isEqualTo(3);
        assertThat(deduplicator.size()).isZero();
    }

    @Test
    void idsExpireAfterTheWindowAndBeyondMaxEntries() {
        Deduplicator deduplicator = new Deduplicator(2, 1_000);
        deduplicator.filter(batch(1), 1, 0);
        assertThat(deduplicator.filter(batch(1), 1, 2_000)).as("expired").isEqualTo(1);
        deduplicator.filter(batch(2, 3), 2, 2_000);
        assertThat(deduplicator.size()).isEqualTo(2);
        assertThat(deduplicator.filter(batch(1), 1, 2_001))
                .as("evicted by max entries")
                .isEqualTo(1);
    }
}
