package io.whippet.protocol.response;

import io.whippet.protocol.Wire;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Cache statistics of one partition inside Stats (32 bytes).
 *
 * <pre>[stream_id:u32][topic_id:u32][partition_id:u32][hits:u64][misses:u64][hit_ratio:f32]</pre>
 */
public record CacheMetric(long streamId, long topicId, long partitionId, long hits, long misses, float hitRatio)
        implements Response {
    public static final int ENCODED_SIZE = 32;

    static List<CacheMetric> decodeCounted(ByteBuffer in) {
        long count = Wire.u32(in, "cache metrics count");
        Wire.require(in, count * ENCODED_SIZE, "cache metrics");
        List<CacheMetric> metrics = new ArrayList<>((int) count);
        for (int i = 0; i < count; i++) {
            metrics.add(decode(in));
        }
        return metrics;
    }

    static void encodeCounted(List<CacheMetric> metrics, ByteBuffer out) {
        out.putInt(metrics.size());
        for (CacheMetric metric : metrics) {
            metric.encode(out);
        }
    }

    public static CacheMetric decode(ByteBuffer in) {
        return new CacheMetric(
                Wire.u32(in, "stream id"),
                Wire.u32(in, "topic id"),
                Wire.u32(in, "partition id"),
                Wire.u64(in, "hits"),
                Wire.u64(in, "misses"),
                Wire.f32(in, "hit ratio"));
    }

    @Override
    public int encodedSize() {
        return 4 + 4 + 4 + 8 + 8 + 4;
    }

    @Override
    public void encode(ByteBuffer out) {
        Wire.putU32(out, streamId, "stream id");
        Wire.putU32(out, topicId, "topic id");
        Wire.putU32(out, partitionId, "partition id");
        out.putLong(hits);
        out.putLong(misses);
        out.putFloat(hitRatio);
    }
}
