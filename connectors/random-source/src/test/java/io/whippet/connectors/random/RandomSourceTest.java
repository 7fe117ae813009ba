package io.whippet.connectors.random;

import static org.assertj.core.api.Assertions.assertThat;

import io.whippet.connectors.api.BatchResult;
import io.whippet.connectors.api.ConnectorContext;
import io.whippet.connectors.api.Payload;
import io.whippet.connectors.api.ProducedBatch;
import java.nio.ByteBuffer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.json.JsonMapper;

@Timeout(10)
class RandomSourceTest {
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private static RandomSource open(byte @Nullable [] state) {
        RandomSource source = new RandomSource();
        source.open(
                ConnectorContext.standalone("gen"),
                MAPPER.readTree("{\"interval\":\"0ms\",\"max_count\":5,\"messages_range\":[3,3],\"payload_size\":4}"),
                state);
        return source;
    }

    private static long seq(ProducedBatch batch, int index) {
        return ((Payload.Json) batch.messages().get(index).payload())
                .value()
                .get("seq")
                .asLong();
    }

    @Test
    void countsMoveOnlyOnAckAndStopAtMaxCount() {
        RandomSource source = open(null);
        ProducedBatch first = source.poll();
        assertThat(first.messages()).hasSize(3);
        source.onBatchResult(BatchResult.NACK);
        ProducedBatch again = source.poll();
        assertThat(seq(again, 0)).isZero();
        source.onBatchResult(BatchResult.ACK);
        ProducedBatch rest = source.poll();
        assertThat(rest.messages()).hasSize(2);
        assertThat(seq(rest, 0)).isEqualTo(3);
        assertThat(ByteBuffer.wrap(java.util.Objects.requireNonNull(rest.state()))
                        .getLong())
                .isEqualTo(5);
        source.onBatchResult(BatchResult.ACK);
        assertThat(source.exhausted()).isTrue();
    }

    @Test
    void resumesFromItsSavedState() {
        RandomSource source = open(ByteBuffer.allocate(8).putLong(4).array());
        ProducedBatch batch = source.poll();
        assertThat(batch.messages()).hasSize(1);
        assertThat(seq(batch, 0)).isEqualTo(4);
    }
}
