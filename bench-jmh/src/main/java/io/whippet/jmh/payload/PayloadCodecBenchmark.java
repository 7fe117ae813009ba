package io.whippet.jmh.payload;

import io.whippet.protocol.CompressionAlgorithm;
import io.whippet.protocol.MessageChecksum;
import io.whippet.protocol.MessageLayout;
import io.whippet.protocol.command.OutgoingMessage;
import io.whippet.server.payload.DecodedMessages;
import io.whippet.server.payload.EncodedBatch;
import io.whippet.server.payload.PayloadCodec;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * One batch of {@code batchSize} JSON-like messages of {@code payloadBytes} through the server's
 * payload codec: {@code encode} is the send path (before append), {@code decode} the poll path
 * (after the read). One operation is one batch, so MB/s = ops/s × the batch's wire size (printed
 * at setup together with the stored size and the compression ratio). {@code plain} is the
 * baseline: the reserved-field pass on send, the flag scan on poll.
 */
// Fields are set in @Setup, which NullAway does not know as an initializer.
@SuppressWarnings("NullAway.Init")
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(
        value = 1,
        jvmArgsAppend = {
            "-Xmx1g",
            "--sun-misc-unsafe-memory-access=allow",
            "--add-modules=jdk.incubator.vector",
            "--enable-native-access=ALL-UNNAMED"
        })
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class PayloadCodecBenchmark {
    /** plain, gzip, aes (server encryption) or gzip+aes. */
    @Param({"plain", "gzip", "aes", "gzip+aes"})
    String coding;

    @Param({"1000"})
    int payloadBytes;

    @Param({"1000"})
    int batchSize;

    private PayloadCodec codec;
    private CompressionAlgorithm compression;
    private ByteBuffer wire;
    private ByteBuffer stored;

    @Setup
    public void setUp() {
        boolean encrypt = coding.endsWith("aes");
        byte[] key = new byte[32];
        new Random(1).nextBytes(key);
        codec = encrypt ? PayloadCodec.encrypting(key) : PayloadCodec.plain();
        compression = coding.startsWith("gzip") ? CompressionAlgorithm.GZIP : CompressionAlgorithm.NONE;
        wire = wireBatch(batchSize, payloadBytes);
        try (EncodedBatch encoded = codec.encode(wire.duplicate(), batchSize, compression)) {
            ByteBuffer bytes = encoded.messages();
            stored = ByteBuffer.allocate(bytes.remaining()).order(ByteOrder.LITTLE_ENDIAN);
            stored.put(bytes.duplicate()).flip();
        }
        stampChecksums(stored);
        System.out.printf(
                "%n[%s] wire %d bytes, stored %d bytes, ratio %.2f%n",
                coding, wire.remaining(), stored.remaining(), (double) wire.remaining() / stored.remaining());
    }

    @Benchmark
    public int encode() {
        try (EncodedBatch encoded = codec.encode(wire.duplicate(), batchSize, compression)) {
            return encoded.messages().remaining();
        }
    }

    @Benchmark
    public int decode() {
        DecodedMessages decoded = codec.decode(stored.duplicate().order(ByteOrder.LITTLE_ENDIAN), 0, Long.MAX_VALUE);
        return decoded.count();
    }

    /** JSON-like text: repeated keys, varying numbers and ids, as event payloads usually are. */
    static String json(Random random, int sizeBytes) {
        StringBuilder text = new StringBuilder();
        while (text.length() < sizeBytes) {
            text.append("{\"event_id\":\"")
                    .append(Long.toHexString(random.nextLong()))
                    .append("\",\"user_id\":")
                    .append(random.nextInt(100_000))
                    .append(",\"type\":\"")
                    .append(random.nextBoolean() ? "page_view" : "add_to_cart")
                    .append("\",\"amount\":")
                    .append(random.nextInt(10_000) / 100.0)
                    .append(",\"ts\":")
                    .append(1_700_000_000_000L + random.nextInt(1_000_000))
                    .append("},");
        }
        return text.substring(0, sizeBytes);
    }

    static ByteBuffer wireBatch(int count, int payloadBytes) {
        Random random = new Random(42);
        List<OutgoingMessage> messages = new ArrayList<>();
        int size = 0;
        for (int i = 0; i < count; i++) {
            OutgoingMessage message =
                    OutgoingMessage.of(json(random, payloadBytes).getBytes(StandardCharsets.UTF_8));
            messages.add(message);
            size += message.encodedSize();
        }
        ByteBuffer area = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        messages.forEach(message -> message.encode(area));
        return area.flip();
    }

    /** The append computes checksums over the stored bytes; done once here so stored data is realistic. */
    private static void stampChecksums(ByteBuffer batch) {
        for (int at = 0; at < batch.limit(); ) {
            int size = (int) MessageLayout.messageSize(batch, at);
            batch.putLong(at + MessageLayout.CHECKSUM_OFFSET, MessageChecksum.compute(batch, at, size));
            at += size;
        }
    }

    public static void main(String[] args) throws RunnerException {
        new Runner(new OptionsBuilder()
                        .include(PayloadCodecBenchmark.class.getSimpleName())
                        .build())
                .run();
    }
}
