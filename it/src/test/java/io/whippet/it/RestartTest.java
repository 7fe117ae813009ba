package io.whippet.it;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.iggy.client.blocking.IggyBaseClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Everything the SDK can create survives a restart on the same data directory, byte for byte:
 * after a clean shutdown of the embedded server, and after {@code kill -9} of a server process.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class RestartTest {
    @TempDir
    Path tempDir;

    @Test
    void cleanRestartKeepsEverything() {
        try (var server = EmbeddedServer.start(tempDir.resolve("data"));
                var clients = new Clients(ClientFlavour.BLOCKING_TCP, server::tcpAddress)) {
            World world = World.build(clients.root(), clients);
            clients.close();

            server.restart();

            IggyBaseClient root = clients.root();
            world.assertStillThere(root, clients);
            world.assertCountersContinue(root);
        }
    }

    @Test
    void twoCleanRestartsInARowKeepEverything() {
        try (var server = EmbeddedServer.start(tempDir.resolve("data"));
                var clients = new Clients(ClientFlavour.ASYNC_TCP, server::tcpAddress)) {
            World world = World.build(clients.root(), clients);
            clients.close();

            server.restart();
            world.assertStillThere(clients.root(), clients);
            clients.close();
            server.restart();

            world.assertStillThere(clients.root(), clients);
        }
    }

    @Test
    void killNineOfAServerProcessKeepsEverythingAcknowledged() {
        Path data = tempDir.resolve("data");
        AtomicReference<ServerProcess> current = new AtomicReference<>();
        try (var clients =
                new Clients(ClientFlavour.BLOCKING_TCP, () -> current.get().tcpAddress())) {
            try {
                current.set(ServerProcess.start(data));
                World world = World.build(clients.root(), clients);
                clients.close();

                current.get().kill();
                current.set(ServerProcess.start(data));

                IggyBaseClient root = clients.root();
                world.assertStillThere(root, clients);
                world.assertCountersContinue(root);
            } finally {
                clients.close();
                if (current.get() != null) {
                    current.get().close();
                }
            }
        }
    }
}
