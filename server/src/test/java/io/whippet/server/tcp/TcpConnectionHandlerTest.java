package io.whippet.server.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.whippet.protocol.CommandCode;
import io.whippet.server.command.CommandProcessor;
import io.whippet.server.command.Reply;
import io.whippet.server.command.Session;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

class TcpConnectionHandlerTest {
    private static final int QUICK = 101;
    private static final int SLOW = 202;
    private static final int POLL = CommandCode.POLL_MESSAGES.code();

    /**
     * Answers each request with its code and first payload byte; codes {@link #QUICK} and {@link
     * #POLL} run on the I/O thread.
     */
    private static final class EchoProcessor implements CommandProcessor {
        final List<String> ranOn = new ArrayList<>();

        @Override
        public Reply process(Session session, int code, ByteBuffer payload) {
            ranOn.add(code + "@" + Thread.currentThread().getName());
            return Reply.ok(ByteBuffer.allocate(2).put(0, (byte) code).put(1, payload.get(0)));
        }

        @Override
        public boolean quickOnIoThread(int code, ByteBuffer payload) {
            return code == QUICK || code == POLL;
        }

        @Override
        public void disconnected(Session session) {}

        @Override
        public void connected(Session session) {}
    }

    /** Runs tasks only when the test says so, so it can tell which requests were handed off. */
    private static final class ManualExecutor implements Executor {
        final Queue<Runnable> tasks = new ArrayDeque<>();

        @Override
        public void execute(Runnable task) {
            tasks.add(task);
        }
    }

    private static InboundFrame.Request request(int code, int marker) {
        return new InboundFrame.Request(code, Unpooled.buffer().writeByte(marker));
    }

    private static String reply(EmbeddedChannel channel) {
        ByteBuf out = channel.readOutbound();
        try {
            int status = out.readIntLE();
            int length = out.readIntLE();
            return status + "/" + length + "/" + out.readByte() + "/" + out.readByte();
        } finally {
            out.release();
        }
    }

    @Test
    void quickRequestsAreAnsweredOnTheEventLoopAndTheRestInOrderAfterAHandOff() {
        EchoProcessor processor = new EchoProcessor();
        ManualExecutor executor = new ManualExecutor();
        Session session = new Session(Session.Transport.TCP, "127.0.0.1:1", 0);
        EmbeddedChannel channel = new EmbeddedChannel(new TcpConnectionHandler(
                // Never "slow": a cold first request must not send the rest to the executor.
                session, processor, executor, true, Long.MAX_VALUE));
        String eventLoop = Thread.currentThread().getName();

        channel.writeInbound(request(QUICK, 1));
        assertThat(executor.tasks).as("no hand-off for a quick request").isEmpty();
        assertThat(reply(channel)).isEqualTo("0/2/101/1");

        // A slow request, then a quick one behind it: the quick one waits its turn.
        channel.writeInbound(request(SLOW, 2));
        channel.writeInbound(request(QUICK, 3));
        assertThat(executor.tasks).hasSize(1);
        assertThat((Object) channel.readOutbound())
                .as("nothing before the slow request is done")
                .isNull();
        executor.tasks.remove().run();
        channel.runPendingTasks();
        assertThat(reply(channel)).isEqualTo("0/2/-54/2");
        assertThat(reply(channel)).isEqualTo("0/2/101/3");

        assertThat(processor.ranOn)
                .containsExactly(QUICK + "@" + eventLoop, SLOW + "@" + eventLoop, QUICK + "@" + eventLoop);
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void afterAQuickRequestHeldTheEventLoopTooLongTheNextOnesAreHandedOff() {
        EchoProcessor processor = new EchoProcessor();
        ManualExecutor executor = new ManualExecutor();
        Session session = new Session(Session.Transport.TCP, "127.0.0.1:1", 0);
        // Every request counts as slow (it takes at least 0 ns).
        EmbeddedChannel channel = new EmbeddedChannel(new TcpConnectionHandler(session, processor, executor, true, -1));

        channel.writeInbound(request(QUICK, 1));
        assertThat(executor.tasks).as("the first still runs here").isEmpty();
        assertThat(reply(channel)).isEqualTo("0/2/101/1");

        channel.writeInbound(request(QUICK, 2));
        assertThat(executor.tasks).as("the connection now hands off").hasSize(1);
        executor.tasks.remove().run();
        channel.runPendingTasks();
        assertThat(reply(channel)).isEqualTo("0/2/101/2");
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void aQuickPollRunsOnTheEventLoopOnlyWhenItsMessagesGoOutAsFileRegions() {
        for (boolean zeroCopy : new boolean[] {true, false}) {
            EchoProcessor processor = new EchoProcessor();
            ManualExecutor executor = new ManualExecutor();
            Session session = new Session(Session.Transport.TCP, "127.0.0.1:1", 0);
            EmbeddedChannel channel = new EmbeddedChannel(
                    new TcpConnectionHandler(session, processor, executor, zeroCopy, Long.MAX_VALUE));

            channel.writeInbound(request(POLL, 4));
            // Under TLS the messages are copied through the cipher, on a virtual thread.
            assertThat(executor.tasks).as("zero copy: %s", zeroCopy).hasSize(zeroCopy ? 0 : 1);
            executor.tasks.forEach(Runnable::run);
            channel.runPendingTasks();
            assertThat(reply(channel)).isEqualTo("0/2/" + POLL + "/4");
            assertThat(channel.finish()).isFalse();
        }
    }
}
