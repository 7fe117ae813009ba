package io.whippet.cli;

import io.whippet.client.Credentials;
import io.whippet.client.TlsSettings;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * {@code whippet}: the global options (transport, address, TLS, credentials, output) and the
 * command tree. Connection and credential options come before the command, as with Iggy's CLI
 * ({@code whippet -u ops stream list}); {@code --output} and {@code --quiet} may go anywhere.
 *
 * <p>Connection settings are merged here, once per command: a flag wins over an environment
 * variable ({@code IGGY_USERNAME}, {@code IGGY_PASSWORD}, {@code IGGY_TOKEN}), which wins over the
 * active context, which wins over the defaults (TCP to 127.0.0.1:8090). A username without a
 * password is asked for on the terminal, never echoed; with no terminal it is a usage error.
 */
@Command(
        name = "whippet",
        mixinStandardHelpOptions = true,
        versionProvider = RootCommand.Version.class,
        sortOptions = false,
        description = "Manage a Whippet (Apache Iggy compatible) server: streams, topics, messages, users and more.",
        subcommands = {
            StreamCommands.class,
            TopicCommands.class,
            PartitionCommands.class,
            SegmentCommands.class,
            MessageCommands.class,
            ConsumerGroupCommands.class,
            ConsumerOffsetCommands.class,
            UserCommands.class,
            PatCommands.class,
            ClientCommands.class,
            ClusterCommands.class,
            MeCommand.class,
            PingCommand.class,
            StatsCommand.class,
            SnapshotCommand.class,
            ContextCommands.class,
            AutoComplete.GenerateCompletion.class,
            CommandLine.HelpCommand.class
        },
        footer = {
            "",
            "Also: whippet server [--config FILE]   run a server",
            "      whippet bench KIND [options]     run a benchmark",
            "      whippet connect [options]        run the connectors runtime",
            "",
            "Exit codes: 0 ok, 1 the server refused or could not be reached, 2 bad usage."
        })
public final class RootCommand implements Callable<Integer> {
    private final Terminal terminal;

    @Spec
    @SuppressWarnings("NullAway.Init") // injected by picocli before call()
    private CommandSpec spec;

    @Option(names = "--transport", paramLabel = "tcp|http|quic", description = "transport to the server (default: tcp)")
    private @Nullable String transport;

    @Option(
            names = "--tcp-server-address",
            paramLabel = "HOST:PORT",
            description = "TCP server address (default: 127.0.0.1:8090)")
    private @Nullable String tcpServerAddress;

    @Option(names = "--tcp-tls-enabled", arity = "0..1", description = "use TLS on TCP")
    private @Nullable Boolean tcpTlsEnabled;

    @Option(names = "--tcp-tls-domain", paramLabel = "NAME", description = "server name to verify (default: the host)")
    private @Nullable String tcpTlsDomain;

    @Option(names = "--tcp-tls-ca-file", paramLabel = "PEM", description = "trusted certificates (default: the JDK's)")
    private @Nullable String tcpTlsCaFile;

    @Option(names = "--http-api-url", paramLabel = "URL", description = "HTTP API URL (default: http://127.0.0.1:3000)")
    private @Nullable String httpApiUrl;

    @Option(
            names = "--quic-server-address",
            paramLabel = "HOST:PORT",
            description = "QUIC server address (default: 127.0.0.1:8080)")
    private @Nullable String quicServerAddress;

    @Option(
            names = "--quic-validate-certificate",
            arity = "0..1",
            description = "verify the QUIC server's certificate (default: false, as Iggy's CLI)")
    private @Nullable Boolean quicValidateCertificate;

    @Option(
            names = "--quic-server-name",
            paramLabel = "NAME",
            description = "server name to verify (default: the host)")
    private @Nullable String quicServerName;

    @Option(
            names = "--quic-ca-file",
            paramLabel = "PEM",
            description = "trusted certificates for QUIC; implies --quic-validate-certificate")
    private @Nullable String quicCaFile;

    @Option(
            names = {"-u", "--username"},
            description = "user to log in as (env IGGY_USERNAME); prompts for the password if -p is left out")
    private @Nullable String username;

    @Option(
            names = {"-p", "--password"},
            description = "password (env IGGY_PASSWORD)")
    private @Nullable String password;

    @Option(
            names = {"-t", "--token"},
            description = "personal access token instead of -u/-p (env IGGY_TOKEN)")
    private @Nullable String token;

    @Option(names = "--context", paramLabel = "NAME", description = "use this context instead of the active one")
    private @Nullable String context;

    @Option(
            names = "--output",
            paramLabel = "table|list|json",
            scope = ScopeType.INHERIT,
            description = "how data is printed (default: table)")
    private OutputFormat output = OutputFormat.TABLE;

    @Option(
            names = {"-q", "--quiet"},
            scope = ScopeType.INHERIT,
            description = "print data only, no status lines")
    private boolean quiet;

    @Option(names = "--debug", description = "print stack traces with errors")
    private boolean debug;

    @Option(names = "--generate", paramLabel = "bash|zsh", description = "print a shell completion script")
    private @Nullable String generate;

    public RootCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() {
        if (generate != null) {
            if (!generate.equals("bash") && !generate.equals("zsh")) {
                throw new UsageException("shell: " + generate + " (expected: bash or zsh)");
            }
            terminal.out().print(AutoComplete.bash("whippet", spec.commandLine()));
            return 0;
        }
        spec.commandLine().usage(terminal.out());
        return 0;
    }

    Terminal terminal() {
        return terminal;
    }

    boolean debug() {
        return debug;
    }

    Printer printer() {
        return new Printer(terminal.out(), output, quiet);
    }

    boolean quiet() {
        return quiet;
    }

    ContextStore contexts() {
        return new ContextStore(terminal.whippetHome());
    }

    /** The merged connection settings; credentials only when the command needs a login. */
    ConnectionSettings settings(boolean loginRequired) {
        ContextStore store = contexts();
        ContextProfile profile = store.profile(context != null ? context : store.activeName());
        TransportKind kind = TransportKind.parse(first(transport, profile.transport(), "tcp"));
        String address = switch (kind) {
            case TCP -> first(tcpServerAddress, profile.tcpServerAddress(), ConnectionSettings.DEFAULT_TCP_ADDRESS);
            case HTTP -> first(httpApiUrl, profile.httpApiUrl(), ConnectionSettings.DEFAULT_HTTP_URL);
            case QUIC -> first(quicServerAddress, profile.quicServerAddress(), ConnectionSettings.DEFAULT_QUIC_ADDRESS);
        };
        TlsSettings tlsSettings;
        if (kind == TransportKind.QUIC) {
            // QUIC is always TLS 1.3; like Iggy's CLI, the certificate is checked only when asked.
            boolean validate = Boolean.TRUE.equals(quicValidateCertificate) || quicCaFile != null;
            tlsSettings = new TlsSettings(true, quicServerName == null ? "" : quicServerName, quicCaFile, validate);
        } else {
            boolean tls = Boolean.TRUE.equals(tcpTlsEnabled != null ? tcpTlsEnabled : profile.tcpTlsEnabled());
            tlsSettings = new TlsSettings(tls, first(tcpTlsDomain, profile.tcpTlsDomain(), ""), tcpTlsCaFile, true);
        }
        Credentials credentials = loginRequired ? credentials(profile) : Credentials.none();
        return new ConnectionSettings(kind, address, tlsSettings, credentials);
    }

    private Credentials credentials(ContextProfile profile) {
        if (token != null) {
            if (username != null || password != null) {
                throw new UsageException("give either -u/-p or -t, not both");
            }
            return Credentials.token(token);
        }
        String user = username != null ? username : terminal.variable("IGGY_USERNAME");
        String secret = password != null ? password : terminal.variable("IGGY_PASSWORD");
        if (user == null && secret == null) {
            String envToken = terminal.variable("IGGY_TOKEN");
            if (envToken != null) {
                return Credentials.token(envToken);
            }
            user = profile.username();
            secret = profile.password();
            if (user == null && profile.token() != null) {
                return Credentials.token(profile.token());
            }
        } else if (user != null && secret == null && user.equals(profile.username())) {
            secret = profile.password();
        }
        if (user == null) {
            throw new UsageException("no credentials: give -u USERNAME [-p PASSWORD] or -t TOKEN, set IGGY_USERNAME"
                    + " and IGGY_PASSWORD, or store them in a context (whippet context create)");
        }
        if (secret == null) {
            secret = prompt("Password for " + user + ": ");
        }
        return Credentials.password(user, secret);
    }

    private String prompt(String text) {
        Terminal.PasswordPrompt prompt = terminal.prompt();
        if (prompt == null) {
            throw new UsageException("no password given and no terminal to ask for one: give -p or set IGGY_PASSWORD");
        }
        char[] secret = prompt.readPassword(text);
        try {
            return new String(secret);
        } finally {
            java.util.Arrays.fill(secret, '\0');
        }
    }

    /** Asks for a secret on the terminal (for commands like {@code user password}). */
    String promptSecret(String text) {
        return prompt(text);
    }

    private static String first(@Nullable String a, @Nullable String b, String fallback) {
        return a != null ? a : b != null ? b : fallback;
    }

    /** {@code --version}: the version in the jar manifest, or "development" from classes. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = RootCommand.class.getPackage().getImplementationVersion();
            return new String[] {"whippet " + (version != null ? version : "development") + " (Iggy 0.8.0 protocol)"};
        }
    }
}
