package io.whippet.cli;

import io.whippet.client.BlockingClient;
import io.whippet.protocol.Consumer;
import io.whippet.protocol.HeaderValue;
import io.whippet.protocol.Identifier;
import io.whippet.protocol.OptionalPartitionId;
import io.whippet.protocol.PollingStrategy;
import io.whippet.protocol.command.PollMessages;
import io.whippet.protocol.response.PolledMessage;
import io.whippet.protocol.response.PolledMessages;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code whippet message poll STREAM TOPIC PARTITION (-o N | -f | -l | -n) [-m COUNT]}: reads
 * messages and prints them (payload as text when it is UTF-8, else hex) or stores them in a
 * message file. Counts above {@value #CHUNK} are read in chunks of that size, with a progress line:
 * offset and first polls continue from the last offset seen, next polls with auto-commit continue
 * from the stored offset; last polls are one request.
 */
@Command(name = "poll", aliases = "p", description = "Poll messages from a partition.", mixinStandardHelpOptions = true)
final class PollCommand extends ServerCommand {
    static final int CHUNK = 1_000;

    @Parameters(index = "0", paramLabel = "STREAM", description = "stream id or name")
    Identifier stream = Identifier.of(0);

    @Parameters(index = "1", paramLabel = "TOPIC", description = "topic id or name")
    Identifier topic = Identifier.of(0);

    @Parameters(index = "2", paramLabel = "PARTITION", description = "partition id")
    long partition;

    @ArgGroup(exclusive = true, multiplicity = "1")
    @SuppressWarnings("NullAway.Init") // required group: picocli fails the parse without it
    Start start;

    @Option(
            names = {"-m", "--message-count"},
            description = "how many messages (default: 1)")
    long count = 1;

    @Option(
            names = {"-a", "--auto-commit"},
            description = "store the consumer's offset after the poll")
    boolean autoCommit;

    @Option(
            names = {"-c", "--consumer"},
            paramLabel = "CONSUMER",
            description = "consumer id or name (default: 0)")
    Identifier consumer = Identifier.of(0);

    @Option(
            names = {"-s", "--show-headers"},
            description = "show user headers")
    boolean showHeaders;

    @Option(names = "--output-file", paramLabel = "FILE", description = "store the messages in a file instead")
    @Nullable
    Path outputFile;

    /** Exactly one starting point. */
    static final class Start {
        @Option(
                names = {"-o", "--offset"},
                required = true,
                description = "from this offset")
        @Nullable
        Long offset;

        @Option(
                names = {"-f", "--first"},
                required = true,
                description = "from the first message")
        boolean first;

        @Option(
                names = {"-l", "--last"},
                required = true,
                description = "the last messages")
        boolean last;

        @Option(
                names = {"-n", "--next"},
                required = true,
                description = "after the consumer's stored offset")
        boolean next;
    }

    @Override
    void run(BlockingClient client, Printer out) {
        if (start == null) {
            throw new UsageException("give one of --offset, --first, --last or --next");
        }
        if (count < 1 || count > 0xFFFF_FFFFL) {
            throw new UsageException("message count: " + count + " (expected: 1..4294967295)");
        }
        List<PolledMessage> messages = new ArrayList<>();
        long currentOffset = poll(client, messages);
        if (outputFile != null) {
            store(outputFile, messages);
            out.info("Stored " + messages.size() + " message(s) from partition " + partition + " in " + outputFile
                    + ".");
            if (out.json()) {
                out.json(Map.of("stored", messages.size(), "file", outputFile.toString()));
            }
            return;
        }
        out.info("Polled " + messages.size() + " message(s) from partition " + partition + ", current offset "
                + Long.toUnsignedString(currentOffset) + ".");
        out.table(table(messages));
    }

    private long poll(BlockingClient client, List<PolledMessage> messages) {
        PollingStrategy strategy = strategy();
        boolean chunked = !(strategy instanceof PollingStrategy.Last)
                && !(strategy instanceof PollingStrategy.Next && !autoCommit);
        long currentOffset = 0;
        try (Progress progress = Progress.of(root(), "messages", count > CHUNK ? count : 0)) {
            while (messages.size() < count) {
                long want = chunked ? Math.min(CHUNK, count - messages.size()) : count;
                PolledMessages reply = client.pollMessages(new PollMessages(
                        Consumer.consumer(consumer),
                        stream,
                        topic,
                        OptionalPartitionId.of(partition),
                        strategy,
                        want,
                        autoCommit));
                currentOffset = reply.currentOffset();
                List<PolledMessage> chunk = reply.decodeMessages();
                messages.addAll(chunk);
                progress.advance(chunk.size());
                if (!chunked || chunk.isEmpty()) {
                    break;
                }
                long lastOffset = chunk.getLast().offset();
                if (strategy instanceof PollingStrategy.Offset || strategy instanceof PollingStrategy.First) {
                    strategy = new PollingStrategy.Offset(lastOffset + 1);
                }
            }
        }
        return currentOffset;
    }

    private PollingStrategy strategy() {
        if (start.offset != null) {
            return new PollingStrategy.Offset(start.offset);
        }
        if (start.first) {
            return new PollingStrategy.First();
        }
        if (start.last) {
            return new PollingStrategy.Last();
        }
        return new PollingStrategy.Next();
    }

    private Table table(List<PolledMessage> messages) {
        Table table = showHeaders
                ? Table.of("offset", "timestamp", "id", "size", "payload", "headers")
                : Table.of("offset", "timestamp", "id", "size", "payload");
        for (PolledMessage message : messages) {
            Object[] cells = {
                new Cell.Unsigned(message.offset()),
                new Cell.Micros(message.timestampMicros()),
                id(message),
                new Cell.Bytes(message.payload().length),
                payloadText(message.payload()),
                null
            };
            if (showHeaders) {
                cells[5] = headers(message.userHeaders());
                table.row(cells);
            } else {
                table.row(cells[0], cells[1], cells[2], cells[3], cells[4]);
            }
        }
        return table;
    }

    /** The u128 id as 32 hex digits, high half first (how Iggy prints it). */
    static String id(PolledMessage message) {
        return String.format("%016x%016x", message.idHigh(), message.idLow());
    }

    /** UTF-8 text when the payload is valid UTF-8, else {@code 0x} and hex. */
    static String payloadText(byte[] payload) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(payload))
                    .toString();
        } catch (CharacterCodingException e) {
            return "0x" + HexFormat.of().formatHex(payload);
        }
    }

    private static HeaderMap headers(Map<HeaderValue, HeaderValue> headers) {
        Map<String, Map<String, String>> typed = new LinkedHashMap<>();
        for (Map.Entry<HeaderValue, HeaderValue> header : headers.entrySet()) {
            typed.put(
                    Headers.text(header.getKey()),
                    Map.of(
                            "kind",
                            Headers.kindName(header.getValue().kind()),
                            "value",
                            Headers.text(header.getValue())));
        }
        return new HeaderMap(typed);
    }

    private static void store(Path file, List<PolledMessage> messages) {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
            for (PolledMessage message : messages) {
                MessageFile.write(out, message);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /**
     * Headers as a cell: {@code key: kind = value} in tables, an object of {@code {kind, value}}
     * in JSON.
     */
    record HeaderMap(Map<String, Map<String, String>> headers) {
        @Override
        public String toString() {
            StringBuilder text = new StringBuilder();
            for (Map.Entry<String, Map<String, String>> header : headers.entrySet()) {
                if (!text.isEmpty()) {
                    text.append(", ");
                }
                text.append(header.getKey())
                        .append(": ")
                        .append(header.getValue().get("kind"))
                        .append(" = ")
                        .append(header.getValue().get("value"));
            }
            return text.toString();
        }
    }
}
