package io.whippet.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.whippet.protocol.CommandCode;
import io.whippet.protocol.CompressionAlgorithm;
import io.whippet.protocol.Consumer;
import io.whippet.protocol.ErrorCode;
import io.whippet.protocol.Identifier;
import io.whippet.protocol.OptionalPartitionId;
import io.whippet.protocol.Partitioning;
import io.whippet.protocol.Permissions;
import io.whippet.protocol.PollingStrategy;
import io.whippet.protocol.UserStatus;
import io.whippet.protocol.command.Command;
import io.whippet.protocol.command.CommandSamples;
import io.whippet.protocol.command.Commands;
import io.whippet.protocol.command.CreateConsumerGroup;
import io.whippet.protocol.command.CreateStream;
import io.whippet.protocol.command.CreateTopic;
import io.whippet.protocol.command.CreateUser;
import io.whippet.protocol.command.DeleteConsumerGroup;
import io.whippet.protocol.command.DeletePartitions;
import io.whippet.protocol.command.DeleteSegments;
import io.whippet.protocol.command.DeleteStream;
import io.whippet.protocol.command.DeleteTopic;
import io.whippet.protocol.command.DeleteUser;
import io.whippet.protocol.command.GetStream;
import io.whippet.protocol.command.LoginUser;
import io.whippet.protocol.command.OutgoingMessage;
import io.whippet.protocol.command.PayloadMutations;
import io.whippet.protocol.command.PollMessages;
import io.whippet.protocol.command.PurgeStream;
import io.whippet.protocol.command.PurgeTopic;
import io.whippet.protocol.command.SendMessages;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mutated payloads of every command, in well-formed frames, sent as root over a real TCP connection
 * to a real server that holds a stream, a topic with messages, a consumer group and a second user
 * (so mutations that still decode reach the handlers with ids that exist). Every frame must get
 * exactly one reply, which a ping right after it proves (a lost or doubled reply shifts the ping's
 * answer); no reply may be the internal error (1), which means a handler threw what it should have
 * refused; and afterwards a new connection must still create, send and poll.
 *
 * <p>Where {@code DecodeFuzzTest} (protocol) covers the decoders alone, this covers decoding,
 * validation, the handlers and the framing of their replies together. Seeded: a failure names the
 * seed, the command and the mutated payload. {@code -Dwhippet.fuzz.mutations=N} runs longer
 * (default 150 per command sample) and {@code -Dwhippet.fuzz.seed=S} replays another seed.
 */
class CommandFuzzTest {
    private static final int MUTATIONS = Integer.getInteger("whippet.fuzz.mutations", 150);
    private static final long SEED = Long.getLong("whippet.fuzz.seed", 0xf022_5eedL);
    /** Commands that remove what the others work on run last, so the rest keep reaching real ids. */
    private static final Set<Class<? extends Command>> DESTRUCTIVE = Set.of(
            DeleteStream.class,
            DeleteTopic.class,
            PurgeStream.class,
            PurgeTopic.class,
            DeletePartitions.class,
            DeleteSegments.class,
            DeleteConsumerGroup.class,
            DeleteUser.class);

    /** After these the connection checks that it is still logged in: they may have logged it out. */
    private static final Set<CommandCode> CHANGE_SESSION =
            Set.of(CommandCode.LOGIN_USER, CommandCode.LOGOUT_USER, CommandCode.LOGIN_WITH_PERSONAL_ACCESS_TOKEN);

    /**
     * These hash a password (tens of milliseconds by design), or log out so that the next frame must;
     * they get a fifth of the mutations to keep the test short.
     */
    private static final Set<CommandCode> SLOW = Set.of(
            CommandCode.LOGIN_USER, CommandCode.LOGOUT_USER, CommandCode.CREATE_USER, CommandCode.CHANGE_PASSWORD);

    @TempDir
    static Path dir;

    static Server server;
    static InetSocketAddress address;

    @BeforeAll
    static void start() {
        // Small segments so DeleteSegments and retention have sealed ones to act on.
        server = TcpOnlyServer.start(dir, Map.of("IGGY_SYSTEM_SEGMENT_SIZE", "1 MiB"));
        address = server.tcpAddress().orElseThrow();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void everyMutatedCommandGetsOneReplyAndNeverAnInternalError() throws IOException {
        Random random = new Random(SEED);
        List<Command> samples = new ArrayList<>(CommandSamples.all());
        samples.sort(Comparator.comparing(sample -> DESTRUCTIVE.contains(sample.getClass())));
        int succeeded = 0;
        int refused = 0;
        try (Connection connection = new Connection()) {
            connection.loginAsRoot();
            createWorld(connection);
            for (Command sample : samples) {
                byte[] valid = PayloadMutations.bytes(Commands.encodePayload(sample));
                int mutations = SLOW.contains(sample.code()) ? MUTATIONS / 5 : MUTATIONS;
                for (int i = 0; i < mutations; i++) {
                    byte[] mutated = PayloadMutations.mutate(valid, random);
                    String replay =
                            "seed %x, %s, payload %s".formatted(SEED, sample.code(), PayloadMutations.hex(mutated));
                    int status = connection.request(sample.code().code(), mutated, replay);
                    if (status == ErrorCode.ERROR.code()) {
                        fail("internal error for %s", replay);
                    }
                    if (status != 0 && ErrorCode.fromCode(status).isEmpty()) {
                        fail("status %d is no Iggy error code, for %s", status, replay);
                    }
                    if (status == 0) {
                        succeeded++;
                    } else {
                        refused++;
                    }
                    assertThat(connection.request(CommandCode.PING.code(), new byte[0], "ping after " + replay))
                            .as("the ping after %s", replay)
                            .isZero();
                    if (status == ErrorCode.UNAUTHENTICATED.code()
                            || (CHANGE_SESSION.contains(sample.code())
                                    && connection.request(CommandCode.GET_ME.code(), new byte[0], "get me")
                                            == ErrorCode.UNAUTHENTICATED.code())) {
                        // A mutated logout that still decoded logged this connection out. Logging in
                        // hashes a password, so only when GetMe says it is needed.
                        connection.loginAsRoot();
                    }
                }
            }
        }
        // Both outcomes must occur, or the mutations are not reaching the handlers.
        assertThat(succeeded).isPositive();
        assertThat(refused).isPositive();
        assertServerStillWorks();
    }

    /** A stream (id 0, as in the samples), topic "orders" with messages, group "g1" and "user1". */
    private static void createWorld(Connection connection) throws IOException {
        Identifier stream = Identifier.of(0);
        Identifier topic = Identifier.of("orders");
        connection.expectOk(new CreateStream("fuzz"));
        connection.expectOk(new GetStream(stream));
        connection.expectOk(new CreateTopic(stream, 2, CompressionAlgorithm.NONE, 0, 0, 0, "orders"));
        connection.expectOk(new CreateConsumerGroup(stream, topic, "g1"));
        connection.expectOk(new CreateUser("user1", "secret", UserStatus.ACTIVE, Permissions.all()));
        for (int batch = 0; batch < 20; batch++) {
            List<OutgoingMessage> messages = IntStream.range(0, 100)
                    .mapToObj(i -> OutgoingMessage.of(new byte[1000], Map.of()))
                    .toList();
            connection.expectOk(SendMessages.of(stream, topic, Partitioning.partitionId(batch % 2), messages));
        }
    }

    /** A fresh connection logs in, creates a stream and topic, sends, and polls the message back. */
    private static void assertServerStillWorks() throws IOException {
        try (Connection connection = new Connection()) {
            connection.loginAsRoot();
            connection.expectOk(new CreateStream("after-fuzz"));
            Identifier stream = Identifier.of("after-fuzz");
            connection.expectOk(new CreateTopic(stream, 1, CompressionAlgorithm.NONE, 0, 0, 0, "t"));
            connection.expectOk(SendMessages.of(
                    stream,
                    Identifier.of("t"),
                    Partitioning.partitionId(0),
                    List.of(OutgoingMessage.of("still here".getBytes(StandardCharsets.UTF_8), Map.of()))));
            byte[] reply = connection.replyTo(new PollMessages(
                    Consumer.consumer(Identifier.of(1)),
                    stream,
                    Identifier.of("t"),
                    OptionalPartitionId.of(0),
                    new PollingStrategy.Offset(0),
                    10,
                    false));
            assertThat(new String(reply, StandardCharsets.ISO_8859_1)).contains("still here");
        }
    }

    /** One blocking TCP connection speaking raw frames. */
    private static final class Connection implements AutoCloseable {
        private final Socket socket;
        private final OutputStream out;
        private final DataInputStream in;
        private byte[] lastReply = new byte[0];

        Connection() throws IOException {
            socket = new Socket(address.getAddress(), address.getPort());
            socket.setSoTimeout(10_000);
            out = socket.getOutputStream();
            in = new DataInputStream(socket.getInputStream());
        }

        void loginAsRoot() throws IOException {
            expectOk(new LoginUser(
                    ServerOptions.DEFAULT_ROOT_USERNAME, ServerOptions.DEFAULT_ROOT_PASSWORD, "fuzz", ""));
        }

        void expectOk(Command command) throws IOException {
            assertThat(request(command.code().code(), PayloadMutations.bytes(Commands.encodePayload(command)), "setup"))
                    .as("%s", command)
                    .isZero();
        }

        byte[] replyTo(Command command) throws IOException {
            expectOk(command);
            return lastReply;
        }

        /** Sends one frame and reads its reply; returns the status. */
        int request(int code, byte[] payload, String what) throws IOException {
            byte[] frame = ByteBuffer.allocate(8 + payload.length)
                    .order(ByteOrder.LITTLE_ENDIAN)
                    .putInt(4 + payload.length)
                    .putInt(code)
                    .put(payload)
                    .array();
            out.write(frame);
            byte[] header = new byte[8];
            try {
                in.readFully(header);
            } catch (EOFException e) {
                throw new AssertionError("the server closed the connection on " + what, e);
            }
            ByteBuffer buffer = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
            int status = buffer.getInt();
            int length = buffer.getInt();
            assertThat(length).as("reply length for %s", what).isBetween(0, 64 << 20);
            lastReply = in.readNBytes(length);
            return status;
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
