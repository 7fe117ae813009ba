package io.whippet.cli;

import io.whippet.client.BlockingClient;
import io.whippet.client.Message;
import io.whippet.protocol.HeaderValue;
import io.whippet.protocol.Identifier;
import io.whippet.protocol.Partitioning;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code whippet message send STREAM TOPIC [MESSAGE...]}: each argument is one message; with none,
 * each stdin line is one; {@code --input-file} sends a file written by {@code poll --output-file}.
 * Messages go out in batches of up to {@value #BATCH_MESSAGES} messages or {@value #BATCH_BYTES}
 * bytes, with a progress line for long inputs.
 */
@Command(
        name = "send",
        aliases = "s",
        description = "Send messages from arguments, stdin lines or a message file.",
        mixinStandardHelpOptions = true)
final class SendCommand extends ServerCommand {
    static final int BATCH_MESSAGES = 1_000;
    static final int BATCH_BYTES = 1_000_000;

    @Parameters(index = "0", paramLabel = "STREAM", description = "stream id or name")
    Identifier stream = Identifier.of(0);

    @Parameters(index = "1", paramLabel = "TOPIC", description = "topic id or name")
    Identifier topic = Identifier.of(0);

    @Parameters(index = "2..*", paramLabel = "MESSAGE", description = "messages (default: one per stdin line)")
    List<String> messages = new ArrayList<>();

    @ArgGroup(exclusive = true)
    @Nullable
    Target target;

    @Option(
            names = {"-H", "--headers"},
            paramLabel = "KEY:KIND:VALUE",
            description = "typed headers on every message, e.g. source:string:web,retries:uint8:3")
    List<String> headers = new ArrayList<>();

    @Option(names = "--input-file", paramLabel = "FILE", description = "send a file written by poll --output-file")
    @Nullable
    Path inputFile;

    /** Where messages go: one partition, or by key; balanced when neither is given. */
    static final class Target {
        @Option(
                names = {"-p", "--partition-id"},
                description = "send to this partition")
        @Nullable
        Long partitionId;

        @Option(
                names = {"-m", "--message-key"},
                description = "pick the partition from this key's hash")
        @Nullable
        String messageKey;
    }

    @Override
    void run(BlockingClient client, Printer out) {
        Map<HeaderValue, HeaderValue> userHeaders = Headers.parse(headers);
        Batcher batcher = new Batcher(client, partitioning());
        if (inputFile != null && !messages.isEmpty()) {
            throw new UsageException("give messages as arguments or --input-file, not both");
        }
        try {
            if (inputFile != null) {
                sendFile(inputFile, batcher);
            } else if (!messages.isEmpty()) {
                for (String text : messages) {
                    batcher.add(Message.of(text.getBytes(StandardCharsets.UTF_8), userHeaders));
                }
                batcher.flush();
            } else {
                sendLines(root().terminal().in(), userHeaders, batcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.info("Sent " + batcher.sent + " message(s) to " + Ids.describe("topic", topic) + " in "
                + Ids.describe("stream", stream) + ".");
        if (out.json()) {
            out.json(Map.of("sent", batcher.sent));
        }
    }

    private Partitioning partitioning() {
        if (target != null && target.partitionId != null) {
            return Partitioning.partitionId(target.partitionId);
        }
        if (target != null && target.messageKey != null) {
            return Partitioning.messagesKey(target.messageKey.getBytes(StandardCharsets.UTF_8));
        }
        return Partitioning.balanced();
    }

    private void sendLines(InputStream in, Map<HeaderValue, HeaderValue> userHeaders, Batcher batcher)
            throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        try (Progress progress = Progress.of(root(), "messages", 0)) {
            batcher.progress = progress;
            String line;
            while ((line = reader.readLine()) != null) {
                batcher.add(Message.of(line.getBytes(StandardCharsets.UTF_8), userHeaders));
            }
            batcher.flush();
        }
    }

    private void sendFile(Path file, Batcher batcher) throws IOException {
        try (InputStream in = Files.newInputStream(file);
                Progress progress = Progress.of(root(), "bytes", Files.size(file))) {
            batcher.progress = progress;
            batcher.countBytes = true;
            MessageFile.read(
                    in,
                    message -> batcher.add(new Message(
                            message.idLow(),
                            message.idHigh(),
                            message.payload(),
                            message.userHeaders(),
                            message.originTimestampMicros())));
            batcher.flush();
        }
    }

    /** Collects messages into SendMessages batches. */
    private final class Batcher {
        private final BlockingClient client;
        private final Partitioning partitioning;
        private final List<Message> pending = new ArrayList<>();
        private int pendingBytes;
        long sent;

        @Nullable
        Progress progress;

        boolean countBytes;

        Batcher(BlockingClient client, Partitioning partitioning) {
            this.client = client;
            this.partitioning = partitioning;
        }

        void add(Message message) {
            if (!pending.isEmpty() && pendingBytes + message.encodedSize() > BATCH_BYTES) {
                flush();
            }
            pending.add(message);
            pendingBytes += message.encodedSize();
            if (pending.size() >= BATCH_MESSAGES) {
                flush();
            }
        }

        void flush() {
            if (pending.isEmpty()) {
                return;
            }
            client.sendMessages(stream, topic, partitioning, List.copyOf(pending));
            sent += pending.size();
            if (progress != null) {
                progress.advance(countBytes ? pendingBytes : pending.size());
            }
            pending.clear();
            pendingBytes = 0;
        }
    }
}
