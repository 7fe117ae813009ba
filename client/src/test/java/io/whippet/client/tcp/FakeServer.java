package io.whippet.client.tcp;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A scripted server on 127.0.0.1 for transport tests: reads request frames one by one and answers
 * each with what {@code script} returns. Records every request with the connection it came on.
 */
final class FakeServer implements AutoCloseable {
    record Request(int connection, int code, byte[] payload) {
        ByteBuffer payloadBuffer() {
            return ByteBuffer.wrap(payload).order(ByteOrder.LITTLE_ENDIAN);
        }
    }

    /** What to answer: a status and payload, or close the connection instead. */
    record Reply(int status, byte[] payload, boolean close) {
        static Reply ok() {
            return new Reply(0, new byte[0], false);
        }

        static Reply ok(ByteBuffer payload) {
            byte[] bytes = new byte[payload.remaining()];
            payload.get(bytes);
            return new Reply(0, bytes, false);
        }

        static Reply error(int status) {
            return new Reply(status, new byte[0], false);
        }

        static Reply closeConnection() {
            return new Reply(0, new byte[0], true);
        }
    }

    @FunctionalInterface
    interface Script {
        Reply answer(Request request);
    }

    private final ServerSocket socket;
    private final Script script;
    private final BlockingQueue<Request> requests = new LinkedBlockingQueue<>();
    private final List<Socket> connections = new CopyOnWriteArrayList<>();
    private final AtomicInteger connectionCount = new AtomicInteger();
    private final Thread acceptor;

    FakeServer(Script script) throws IOException {
        this(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), script);
    }

    /** Serves on a socket made elsewhere, e.g. a TLS server socket. */
    FakeServer(ServerSocket socket, Script script) {
        this.socket = socket;
        this.script = script;
        this.acceptor = Thread.ofVirtual().start(this::acceptLoop);
    }

    int port() {
        return socket.getLocalPort();
    }

    int connectionCount() {
        return connectionCount.get();
    }

    /** The next request received, waiting for it. */
    Request take() throws InterruptedException {
        return requests.take();
    }

    private void acceptLoop() {
        while (!socket.isClosed()) {
            try {
                Socket connection = socket.accept();
                connections.add(connection);
                int id = connectionCount.incrementAndGet();
                Thread.ofVirtual().start(() -> serve(connection, id));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket connection, int id) {
        try (connection) {
            DataInputStream in = new DataInputStream(connection.getInputStream());
            OutputStream out = connection.getOutputStream();
            while (true) {
                int length = Integer.reverseBytes(in.readInt());
                int code = Integer.reverseBytes(in.readInt());
                byte[] payload = new byte[length - 4];
                in.readFully(payload);
                Request request = new Request(id, code, payload);
                requests.add(request);
                Reply reply = script.answer(request);
                if (reply.close()) {
                    return;
                }
                ByteBuffer frame =
                        ByteBuffer.allocate(8 + reply.payload().length).order(ByteOrder.LITTLE_ENDIAN);
                frame.putInt(reply.status()).putInt(reply.payload().length).put(reply.payload());
                out.write(frame.array());
                out.flush();
            }
        } catch (EOFException e) {
            // client went away
        } catch (IOException e) {
            // closed under us
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
        for (Socket connection : connections) {
            connection.close();
        }
        acceptor.interrupt();
    }
}
