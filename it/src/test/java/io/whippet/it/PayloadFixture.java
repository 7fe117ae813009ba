package io.whippet.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.iggy.client.blocking.IggyBaseClient;
import org.apache.iggy.consumergroup.Consumer;
import org.apache.iggy.message.HeaderKey;
import org.apache.iggy.message.HeaderValue;
import org.apache.iggy.message.Message;
import org.apache.iggy.message.Partitioning;
import org.apache.iggy.message.PollingStrategy;
import org.apache.iggy.topic.CompressionAlgorithm;

/** Shared steps of the payload tests: JSON-like messages with a header, and the segment files. */
final class PayloadFixture {
    static final Map<HeaderKey, HeaderValue> HEADERS =
            Map.of(HeaderKey.fromString("content-type"), HeaderValue.fromString("application/json"));

    private PayloadFixture() {}

    static String json(int index, int sizeBytes) {
        StringBuilder text = new StringBuilder();
        int field = 0;
        while (text.length() < sizeBytes) {
            text.append("{\"order\":")
                    .append(index)
                    .append(",\"line\":")
                    .append(field)
                    .append(",\"sku\":\"SKU-")
                    .append(field * 7 % 100)
                    .append("\",\"status\":\"shipped\"},");
            field++;
        }
        return text.substring(0, sizeBytes);
    }

    static List<String> jsonTexts(int from, int count, int sizeBytes) {
        List<String> texts = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            texts.add(json(i, sizeBytes));
        }
        return texts;
    }

    static void createStreamAndTopic(IggyBaseClient client, CompressionAlgorithm compression) {
        client.streams().createStream("payloads");
        client.topics()
                .createTopic(
                        Sdk.stream(0), 1L, compression, BigInteger.ZERO, BigInteger.ZERO, Optional.empty(), "events");
    }

    static void send(IggyBaseClient client, List<String> texts) {
        List<Message> messages = new ArrayList<>();
        for (String text : texts) {
            messages.add(Message.of(text, HEADERS));
        }
        client.messages().sendMessages(Sdk.stream(0), Sdk.topic(0), Partitioning.partitionId(0L), messages);
    }

    static List<Message> pollAll(IggyBaseClient client, long count) {
        return client.messages()
                .pollMessages(
                        Sdk.stream(0),
                        Sdk.topic(0),
                        Optional.of(0L),
                        Consumer.of(1L),
                        PollingStrategy.offset(BigInteger.ZERO),
                        count,
                        false)
                .messages();
    }

    static List<String> payloads(List<Message> messages) {
        return messages.stream()
                .map(m -> new String(m.payload(), StandardCharsets.UTF_8))
                .toList();
    }

    static Path partitionDirectory(Path dataDir) {
        return dataDir.resolve("streams/0/topics/0/partitions/0");
    }

    static Path onlySegment(Path dataDir) {
        try (Stream<Path> files = Files.list(partitionDirectory(dataDir))) {
            return files.filter(p -> p.toString().endsWith(".log")).findFirst().orElseThrow();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] segmentBytes(Path dataDir) {
        try {
            return Files.readAllBytes(onlySegment(dataDir));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Flips one bit of the stored payload of the first message, {@code into} bytes into the payload. */
    static void flipPayloadByte(Path dataDir, int into) {
        try (FileChannel channel =
                FileChannel.open(onlySegment(dataDir), StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long position = 64 + into;
            ByteBuffer one = ByteBuffer.allocate(1).order(ByteOrder.LITTLE_ENDIAN);
            channel.read(one, position);
            one.put(0, (byte) (one.get(0) ^ 1)).rewind();
            channel.write(one, position);
            channel.force(true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static boolean contains(byte[] haystack, String text) {
        byte[] needle = text.getBytes(StandardCharsets.UTF_8);
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
