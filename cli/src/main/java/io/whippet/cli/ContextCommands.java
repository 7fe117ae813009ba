package io.whippet.cli;

import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code whippet context}: named connection profiles in {@code ~/.whippet/contexts.toml} (see
 * {@link ContextStore}). None of these commands contacts a server. Secrets are never printed.
 */
@Command(
        name = "context",
        aliases = "ctx",
        description = "Manage named connection profiles.",
        mixinStandardHelpOptions = true,
        subcommands = {
            ContextCommands.ListContexts.class,
            ContextCommands.Use.class,
            ContextCommands.Create.class,
            ContextCommands.Delete.class,
            ContextCommands.Show.class
        })
final class ContextCommands {
    private ContextCommands() {}

    /** A context command: reads the root's terminal, never connects. */
    abstract static class LocalCommand implements Callable<Integer> {
        @Spec
        @SuppressWarnings("NullAway.Init") // injected by picocli before call()
        CommandSpec spec;

        @Override
        public final Integer call() {
            RootCommand root = (RootCommand) spec.root().userObject();
            run(root.contexts(), root.printer());
            return ErrorReporter.EXIT_OK;
        }

        abstract void run(ContextStore store, Printer out);
    }

    static String address(ContextProfile profile) {
        String transport = profile.transport() == null ? "tcp" : profile.transport();
        return switch (transport) {
            case "http" -> orDefault(profile.httpApiUrl(), ConnectionSettings.DEFAULT_HTTP_URL);
            case "quic" -> orDefault(profile.quicServerAddress(), ConnectionSettings.DEFAULT_QUIC_ADDRESS);
            default -> orDefault(profile.tcpServerAddress(), ConnectionSettings.DEFAULT_TCP_ADDRESS);
        };
    }

    private static String orDefault(@Nullable String value, String fallback) {
        return value == null ? fallback : value;
    }

    @Command(
            name = "list",
            aliases = "l",
            description = "List contexts; * marks the active one.",
            mixinStandardHelpOptions = true)
    static final class ListContexts extends LocalCommand {
        @Override
        void run(ContextStore store, Printer out) {
            String active = store.activeName();
            Table table = Table.of("active", "name", "transport", "address", "username");
            for (Map.Entry<String, ContextProfile> context : store.all().entrySet()) {
                ContextProfile profile = context.getValue();
                table.row(
                        context.getKey().equals(active) ? "*" : "",
                        context.getKey(),
                        profile.transport() == null ? "tcp" : profile.transport(),
                        address(profile),
                        profile.username() != null ? profile.username() : profile.token() != null ? "(token)" : "");
            }
            out.table(table);
        }
    }

    @Command(
            name = "use",
            aliases = "u",
            description = "Make a context the active one.",
            mixinStandardHelpOptions = true)
    static final class Use extends LocalCommand {
        @Parameters(index = "0", paramLabel = "NAME", description = "context name")
        String name = "";

        @Override
        void run(ContextStore store, Printer out) {
            store.use(name);
            out.info("Context '" + name + "' is now active.");
        }
    }

    @Command(name = "create", aliases = "c", description = "Create a context.", mixinStandardHelpOptions = true)
    static final class Create extends LocalCommand {
        @Parameters(index = "0", paramLabel = "NAME", description = "context name")
        String name = "";

        @Option(names = "--transport", paramLabel = "tcp|http|quic")
        @Nullable
        String transport;

        @Option(names = "--tcp-server-address", paramLabel = "HOST:PORT")
        @Nullable
        String tcpServerAddress;

        @Option(names = "--tcp-tls-enabled", arity = "0..1")
        @Nullable
        Boolean tcpTlsEnabled;

        @Option(names = "--tcp-tls-domain", paramLabel = "NAME")
        @Nullable
        String tcpTlsDomain;

        @Option(names = "--http-api-url", paramLabel = "URL")
        @Nullable
        String httpApiUrl;

        @Option(names = "--quic-server-address", paramLabel = "HOST:PORT")
        @Nullable
        String quicServerAddress;

        @Option(names = {"-u", "--username"})
        @Nullable
        String username;

        @Option(
                names = {"-p", "--password"},
                description = "stored in plain text, readable by you only")
        @Nullable
        String password;

        @Option(
                names = {"-t", "--token"},
                description = "personal access token")
        @Nullable
        String token;

        @Override
        void run(ContextStore store, Printer out) {
            if (transport != null) {
                TransportKind.parse(transport);
            }
            store.create(
                    name,
                    new ContextProfile(
                            transport,
                            tcpServerAddress,
                            tcpTlsEnabled,
                            tcpTlsDomain,
                            httpApiUrl,
                            quicServerAddress,
                            username,
                            password,
                            token));
            out.info("Context '" + name + "' created in " + store.home() + ".");
        }
    }

    @Command(name = "delete", aliases = "d", description = "Delete a context.", mixinStandardHelpOptions = true)
    static final class Delete extends LocalCommand {
        @Parameters(index = "0", paramLabel = "NAME", description = "context name")
        String name = "";

        @Override
        void run(ContextStore store, Printer out) {
            store.delete(name);
            out.info("Context '" + name + "' deleted.");
        }
    }

    @Command(
            name = "show",
            aliases = "s",
            description = "Show a context (secrets hidden).",
            mixinStandardHelpOptions = true)
    static final class Show extends LocalCommand {
        @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "context name (default: active)")
        @Nullable
        String name;

        @Override
        void run(ContextStore store, Printer out) {
            String contextName = name != null ? name : store.activeName();
            Map<String, Object> entries = store.profile(contextName).entries();
            Table table = Table.of("key", "value");
            table.row("name", contextName);
            for (Map.Entry<String, Object> entry : entries.entrySet()) {
                boolean secret =
                        entry.getKey().equals("password") || entry.getKey().equals("token");
                table.row(entry.getKey(), secret ? "********" : entry.getValue());
            }
            out.table(table);
        }
    }
}
