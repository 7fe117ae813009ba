package io.whippet.cli;

import io.whippet.client.BlockingClient;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A command that talks to the server: connects (and logs in, unless {@link #loginRequired()} says
 * otherwise), runs, and closes the connection whatever happens. Subclasses implement {@link #run}.
 */
abstract class ServerCommand implements Callable<Integer> {
    @Spec
    @SuppressWarnings("NullAway.Init") // injected by picocli before call()
    CommandSpec spec;

    @Override
    public final Integer call() {
        RootCommand root = root();
        ConnectionSettings settings = root.settings(loginRequired());
        try (BlockingClient client = new BlockingClient(Transports.open(settings))) {
            client.connect();
            run(client, root.printer());
        }
        return ErrorReporter.EXIT_OK;
    }

    abstract void run(BlockingClient client, Printer out);

    /** Whether the command needs a logged-in user (all but {@code ping}). */
    boolean loginRequired() {
        return true;
    }

    final RootCommand root() {
        return (RootCommand) spec.root().userObject();
    }
}
