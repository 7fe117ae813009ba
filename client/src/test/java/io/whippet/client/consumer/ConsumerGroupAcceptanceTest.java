package io.whippet.client.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import io.whippet.client.BlockingClient;
import io.whippet.client.ConnectionString;
import io.whippet.client.Message;
import io.whippet.client.WhippetClient;
import io.whippet.client.producer.Partitioner;
import io.whippet.client.producer.Producer;
import io.whippet.client.producer.TopicSetup;
import io.whippet.client.tcp.TcpClient;
import io.whippet.protocol.Identifier;
import io.whippet.testing.EmbeddedServer;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The acceptance run: a producer sends 1,000,000 messages while a consumer group of three
 * reads them; one member leaves a third of the way through. Every message must be handled at least
 * once, and each member must see each key's messages in order.
 */
class ConsumerGroupAcceptanceTest {
    private static final int MESSAGES = 1_000_000;
    private static final int KEYS = 30;
    private static final int PER_KEY = MESSAGES / KEYS + 1;

    /** One member's view: per partition the last offset, per key the last sequence it handled. */
    private static final class MemberLog implements MessageHandler {
        private final Map<Long, Long> lastOffsetByPartition = new HashMap<>();
        private final int[] lastSequenceByKey = new int[KEYS];
        private final AtomicIntegerArray seen;
        private final AtomicInteger distinct;
        private final CountDownLatch allSeen;
        private final AtomicLong handled;
        final AtomicLong handledByMe = new AtomicLong();
        final List<String> violations = new ArrayList<>();

        MemberLog(AtomicIntegerArray seen, AtomicInteger distinct, CountDownLatch allSeen, AtomicLong handled) {
            this.seen = seen;
            this.distinct = distinct;
            this.allSeen = allSeen;
            this.handled = handled;
            Arrays.fill(lastSequenceByKey, -1);
        }

        @Override
        public void handle(ReceivedMessage message) {
            ByteBuffer payload = ByteBuffer.wrap(message.message().payload());
            int key = payload.getInt();
            int sequence = payload.getInt();
            Long previousOffset = lastOffsetByPartition.put(message.partitionId(), message.offset());
            if (previousOffset != null && message.offset() <= previousOffset && violations.size() < 10) {
                violations.add("partition " + message.partitionId() + ": offset " + message.offset() + " after "
                        + previousOffset);
            }
            if (sequence <= lastSequenceByKey[key] && violations.size() < 10) {
                violations.add("key " + key + ": sequence " + sequence + " after " + lastSequenceByKey[key]);
            }
            lastSequenceByKey[key] = sequence;
            if (seen.getAndIncrement(key * PER_KEY + sequence) == 0 && distinct.incrementAndGet() == MESSAGES) {
                allSeen.countDown();
            }
            handled.incrementAndGet();
            handledByMe.incrementAndGet();
        }
    }

    @Test
    @Timeout(120)
    void aGroupOfThreeHandlesAMillionMessagesAtLeastOnceInOrderWhileAMemberLeaves() throws Exception {
        try (EmbeddedServer server = EmbeddedServer.start()) {
            Identifier stream = Identifier.of("acceptance");
            Identifier topic = Identifier.of("orders");
            AtomicIntegerArray seen = new AtomicIntegerArray(KEYS * PER_KEY);
            AtomicInteger distinct = new AtomicInteger();
            CountDownLatch allSeen = new CountDownLatch(1);
            AtomicLong handled = new AtomicLong();
            List<WhippetClient> clients = new ArrayList<>();
            List<Consumer> members = new ArrayList<>();
            List<MemberLog> logs = new ArrayList<>();
            long leaverHandled = -1;
            try (BlockingClient admin = new BlockingClient(client(server, clients))) {
                try (Producer producer = Producer.builder(admin.async(), stream, topic)
                        .partitioner(Partitioner.messagesKey(message -> Arrays.copyOf(message.payload(), 4)))
                        .createTopicIfMissing(TopicSetup.partitions(3))
                        .build()) {
                    for (int i = 0; i < 3; i++) {
                        MemberLog log = new MemberLog(seen, distinct, allSeen, handled);
                        Consumer member = Consumer.group(client(server, clients), stream, topic, "workers")
                                .batchLength(1_000)
                                .pollIntervalMs(1)
                                .build();
                        member.start(log);
                        members.add(member);
                        logs.add(log);
                    }
                    int[] nextSequence = new int[KEYS];
                    for (int i = 0; i < MESSAGES; i++) {
                        int key = i % KEYS;
                        byte[] payload = ByteBuffer.allocate(8)
                                .putInt(key)
                                .putInt(nextSequence[key]++)
                                .array();
                        producer.send(Message.of(payload));
                        if (i == MESSAGES / 3) {
                            producer.flush().join();
                            members.getFirst().close();
                            leaverHandled = logs.getFirst().handledByMe.get();
                        }
                    }
                }
                assertThat(leaverHandled).as("handled by the member that left").isPositive();
                assertThat(logs.getFirst().handledByMe.get()).isEqualTo(leaverHandled);
                assertThat(allSeen.await(90, TimeUnit.SECONDS))
                        .as("distinct messages handled: %d", distinct.get())
                        .isTrue();
            } finally {
                for (Consumer member : members) {
                    member.close();
                }
                for (WhippetClient client : clients) {
                    client.close();
                }
            }
            for (MemberLog log : logs) {
                assertThat(log.violations).isEmpty();
            }
            assertThat(distinct.get()).isEqualTo(MESSAGES);
            assertThat(handled.get()).isGreaterThanOrEqualTo(MESSAGES);
        }
    }

    private static WhippetClient client(EmbeddedServer server, List<WhippetClient> clients) {
        WhippetClient client = TcpClient.create(ConnectionString.parse(server.connectionString()));
        clients.add(client);
        return client;
    }
}
