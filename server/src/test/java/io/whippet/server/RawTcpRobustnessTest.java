package io.whippet.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.whippet.protocol.ErrorCode;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Bad input over raw sockets: answered with Iggy codes or a closed connection, never harming other clients. */
@Timeout(60)
class RawTcpRobustnessTest {
    @TempDir
    static Path dir;

    static Server server;
    static InetSocketAddress address;

    @BeforeAll
    static void start() {
        server = TcpOnlyServer.start(dir, Map.of());
        address = server.tcpAddress().orElseThrow();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static byte[] frame(int code, byte[] payload) {
        return ByteBuffer.allocate(8 + payload.length)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putInt(4 + payload.length)
                .putInt(code)
                .put(payload)
                .array();
    }

    /** Reads one response: {status, payload length}; skips the payload. */
    private static int[] response(InputStream in) throws IOException {
        byte[] header = new DataInputStream(in).readNBytes(8);
        assertThat(header).as("a full response header").hasSize(8);
        ByteBuffer buffer = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
        int status = buffer.getInt();
        int length = buffer.getInt();
        in.readNBytes(length);
        return new int[] {status, length};
    }

    private static byte[] login(String user, String password) {
        byte[] u = user.getBytes(StandardCharsets.UTF_8);
        byte[] p = password.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(1 + u.length + 1 + p.length + 8)
                .order(ByteOrder.LITTLE_ENDIAN)
                .put((byte) u.length)
                .put(u)
                .put((byte) p.length)
                .put(p)
                .putInt(0)
                .putInt(0)
                .array();
    }

    @Test
    void commandsBeforeLoginAreUnauthenticatedButPingWorks() throws IOException {
        try (Socket socket = new Socket(address.getAddress(), address.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(frame(1, new byte[0]));
            assertThat(response(socket.getInputStream())[0]).isZero();
            out.write(frame(201, new byte[0]));
            assertThat(response(socket.getInputStream())[0]).isEqualTo(ErrorCode.UNAUTHENTICATED.code());
        }
    }

    @Test
    void unknownCodeAndTruncatedPayloadAreInvalidCommandAndTheConnectionStaysUsable() throws IOException {
        try (Socket socket = new Socket(address.getAddress(), address.getPort())) {
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            out.write(frame(38, login("iggy", "iggy")));
            assertThat(response(in)).containsExactly(0, 4);
            out.write(frame(9999, new byte[0]));
            assertThat(response(in)[0]).isEqualTo(ErrorCode.INVALID_COMMAND.code());
            out.write(frame(202, new byte[] {5, 'a'}));
            assertThat(response(in)[0]).isEqualTo(ErrorCode.INVALID_COMMAND.code());
            out.write(frame(1, new byte[0]));
            assertThat(response(in)[0]).isZero();
        }
    }

    @Test
    void wrongPasswordIsInvalidCredentials() throws IOException {
        try (Socket socket = new Socket(address.getAddress(), address.getPort())) {
            socket.getOutputStream().write(frame(38, login("iggy", "wrong")));
            assertThat(response(socket.getInputStream())[0]).isEqualTo(ErrorCode.INVALID_CREDENTIALS.code());
        }
    }

    @Test
    void oversizedFrameIsRefusedAndClosedWhileOthersKeepWorking() throws IOException {
        try (Socket bad = new Socket(address.getAddress(), address.getPort());
                Socket good = new Socket(address.getAddress(), address.getPort())) {
            bad.getOutputStream()
                    .write(ByteBuffer.allocate(8)
                            .order(ByteOrder.LITTLE_ENDIAN)
                            .putInt(Integer.MAX_VALUE)
                            .putInt(1)
                            .array());
            assertThat(response(bad.getInputStream())[0]).isEqualTo(ErrorCode.INVALID_COMMAND.code());
            assertThat(bad.getInputStream().read()).as("closed after the error").isEqualTo(-1);
            good.getOutputStream().write(frame(1, new byte[0]));
            assertThat(response(good.getInputStream())[0]).isZero();
        }
    }

    @Test
    void randomGarbageNeverStopsThePing() throws IOException {
        Random random = new Random(42);
        for (int round = 0; round < 50; round++) {
            try (Socket socket = new Socket(address.getAddress(), address.getPort())) {
                socket.setSoTimeout(5_000);
                byte[] junk = new byte[1 + random.nextInt(4096)];
                random.nextBytes(junk);
                socket.getOutputStream().write(junk);
                socket.shutdownOutput();
                // Whatever comes back (errors, or nothing before close), the server must not hang.
                socket.getInputStream().readAllBytes();
            } catch (IOException expected) {
                // A reset is a fine answer to garbage.
            }
        }
        try (Socket socket = new Socket(address.getAddress(), address.getPort())) {
            socket.getOutputStream().write(frame(1, new byte[0]));
            assertThat(response(socket.getInputStream())[0]).isZero();
        }
    }
}
