import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The Kafka side of {@code bench/compare-kafka.sh}: the same closed-loop shapes as {@code
 * bin/whippet bench pinned-producer} and {@code pinned-consumer}, so the two are compared on equal
 * terms. Each actor owns one topic with one partition (as each Whippet pinned actor owns a stream).
 *
 * <p>A producer sends {@code --messages-per-batch} records, calls {@code flush()} and waits for
 * every acknowledgement, then sends the next batch: one batch in flight, latency per batch. A
 * consumer reads its topic from the beginning, {@code max.poll.records} = one batch, latency per
 * non-empty poll. Throughput is the sum over actors of each actor's payload bytes over its own
 * wall time, which is how the Whippet bench reports its total.
 *
 * <p>Run with the Kafka jars on the class path (source-file mode):
 *
 * <pre>java -cp 'LIB/*' KafkaPeerBench.java --mode produce --label pp1000 --bootstrap 127.0.0.1:19092
 *   [--actors 1] [--batches 2000] [--messages-per-batch 1000] [--message-size 1000] [--acks 1]
 *   [--fsync] [--topic-prefix pp]</pre>
 *
 * Prints one line: {@code RESULT kafka LABEL MB_per_s=.. msgs_per_s=.. p50_ms=.. p99_ms=.. ...}.
 */
public final class KafkaPeerBench {
    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--fsync")) {
                options.put("fsync", "true");
            } else {
                options.put(args[i].substring(2), args[++i]);
            }
        }
        String mode = options.getOrDefault("mode", "produce");
        String label = options.getOrDefault("label", mode);
        String bootstrap = options.getOrDefault("bootstrap", "127.0.0.1:19092");
        int actors = Integer.parseInt(options.getOrDefault("actors", "1"));
        int batches = Integer.parseInt(options.getOrDefault("batches", "2000"));
        int perBatch = Integer.parseInt(options.getOrDefault("messages-per-batch", "1000"));
        int sizeBytes = Integer.parseInt(options.getOrDefault("message-size", "1000"));
        String acks = options.getOrDefault("acks", "1");
        boolean fsync = options.containsKey("fsync");
        String prefix = options.getOrDefault("topic-prefix", label);

        List<String> topics = new ArrayList<>();
        for (int a = 0; a < actors; a++) {
            topics.add(prefix + "-" + a);
        }
        if (mode.equals("produce")) {
            createTopics(bootstrap, topics, fsync);
        }
        ExecutorService pool = Executors.newFixedThreadPool(actors);
        List<Future<ActorResult>> futures = new ArrayList<>();
        for (String topic : topics) {
            Callable<ActorResult> actor = mode.equals("produce")
                    ? () -> produce(bootstrap, topic, batches, perBatch, sizeBytes, acks)
                    : () -> consume(bootstrap, topic, (long) batches * perBatch, perBatch);
            futures.add(pool.submit(actor));
        }
        double mbPerSec = 0;
        double msgsPerSec = 0;
        List<Long> latencies = new ArrayList<>();
        for (Future<ActorResult> future : futures) {
            ActorResult result = future.get();
            mbPerSec += result.payloadBytes() / 1e6 / (result.elapsedNanos() / 1e9);
            msgsPerSec += result.messages() / (result.elapsedNanos() / 1e9);
            for (long l : result.latenciesNanos()) {
                latencies.add(l);
            }
        }
        pool.shutdown();
        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf(
                "RESULT kafka %s actors=%d msg=%dB MB_per_s=%.1f msgs_per_s=%.0f p50_ms=%.3f p99_ms=%.3f p999_ms=%.3f max_ms=%.3f%n",
                label, actors, sizeBytes, mbPerSec, msgsPerSec, percentileMs(sorted, 0.50), percentileMs(sorted, 0.99),
                percentileMs(sorted, 0.999), percentileMs(sorted, 1.0));
    }

    record ActorResult(long messages, long payloadBytes, long elapsedNanos, long[] latenciesNanos) {}

    static void createTopics(String bootstrap, Collection<String> names, boolean fsync) throws Exception {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrap);
        try (Admin admin = Admin.create(props)) {
            try {
                admin.deleteTopics(names).all().get();
            } catch (Exception absent) {
                // first run: nothing to delete
            }
            // Deletion is asynchronous in Kafka; retry creation until the old topics are gone.
            for (int attempt = 0; ; attempt++) {
                List<NewTopic> topics = new ArrayList<>();
                for (String name : names) {
                    NewTopic topic = new NewTopic(name, 1, (short) 1);
                    if (fsync) {
                        topic.configs(Map.of("flush.messages", "1"));
                    }
                    topics.add(topic);
                }
                try {
                    admin.createTopics(topics).all().get();
                    return;
                } catch (Exception e) {
                    if (attempt > 30) {
                        throw e;
                    }
                    Thread.sleep(500);
                }
            }
        }
    }

    static ActorResult produce(String bootstrap, String topic, int batches, int perBatch, int sizeBytes, String acks)
            throws Exception {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrap);
        props.put("acks", acks);
        props.put("linger.ms", "0");
        // A whole closed-loop batch fits one producer batch (records carry ~64 B of framing each).
        props.put("batch.size", Integer.toString(Math.max(16_384, perBatch * (sizeBytes + 64))));
        props.put("max.request.size", Integer.toString(Math.max(64 << 20, 2 * perBatch * (sizeBytes + 64))));
        props.put("buffer.memory", Integer.toString(128 << 20));
        props.put("compression.type", "none");
        props.put("enable.idempotence", "false");
        byte[] payload = new byte[sizeBytes];
        Arrays.fill(payload, (byte) 'x');
        long[] latencies = new long[batches];
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.partitionsFor(topic); // metadata before the clock starts
            long start = System.nanoTime();
            for (int b = 0; b < batches; b++) {
                long batchStart = System.nanoTime();
                for (int m = 0; m < perBatch; m++) {
                    producer.send(new ProducerRecord<>(topic, 0, null, payload));
                }
                producer.flush(); // returns when every record of the batch is acknowledged
                latencies[b] = System.nanoTime() - batchStart;
            }
            long elapsed = System.nanoTime() - start;
            long messages = (long) batches * perBatch;
            return new ActorResult(messages, messages * sizeBytes, elapsed, latencies);
        }
    }

    static ActorResult consume(String bootstrap, String topic, long expected, int perBatch) {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrap);
        props.put("group.id", "bench-" + topic + "-" + System.nanoTime());
        props.put("enable.auto.commit", "false");
        props.put("auto.offset.reset", "earliest");
        props.put("max.poll.records", Integer.toString(perBatch));
        props.put("fetch.max.bytes", Integer.toString(50 << 20));
        props.put("max.partition.fetch.bytes", Integer.toString(10 << 20));
        // Whippet's bench does not verify checksums on poll either.
        props.put("check.crcs", "false");
        List<Long> latencies = new ArrayList<>();
        long messages = 0;
        long bytes = 0;
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long start = System.nanoTime();
            while (messages < expected) {
                long pollStart = System.nanoTime();
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(500));
                if (records.isEmpty()) {
                    continue;
                }
                latencies.add(System.nanoTime() - pollStart);
                for (var record : records) {
                    messages++;
                    bytes += record.value().length;
                }
            }
            long elapsed = System.nanoTime() - start;
            return new ActorResult(
                    messages, bytes, elapsed, latencies.stream().mapToLong(Long::longValue).toArray());
        }
    }

    static double percentileMs(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1e6;
    }
}
