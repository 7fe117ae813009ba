package io.whippet.server.payload;

import io.whippet.protocol.HeaderValue;
import io.whippet.protocol.Identifier;
import io.whippet.protocol.MessageChecksum;
import io.whippet.protocol.MessageLayout;
import io.whippet.protocol.Partitioning;
import io.whippet.protocol.command.OutgoingMessage;
import io.whippet.protocol.command.SendMessages;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Test batches in wire layout, and the storage-side patching the append would do. */
final class Batches {
    private Batches() {}

    static String json(int index, int sizeBytes) {
        StringBuilder text = new StringBuilder();
        int field = 0;
        while (text.length() < sizeBytes) {
            text.append("{\"id\":")
                    .append(index)
                    .append(",\"user\":\"user-")
                    .append(field % 97)
                    .append("\",\"event\":\"page_view\",\"path\":\"/products/")
                    .append(field * 31 % 1000)
                    .append("\",\"ok\":true},");
            field++;
        }
        return text.substring(0, sizeBytes);
    }

    static byte[] jsonPayload(int index, int sizeBytes) {
        return json(index, sizeBytes).getBytes(StandardCharsets.UTF_8);
    }

    static byte[] randomPayload(long seed, int sizeBytes) {
        byte[] bytes = new byte[sizeBytes];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    static OutgoingMessage withHeader(byte[] payload) {
        return OutgoingMessage.of(payload, Map.of(HeaderValue.ofString("kind"), HeaderValue.ofString("order")));
    }

    static List<OutgoingMessage> jsonMessages(int count, int sizeBytes) {
        List<OutgoingMessage> messages = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            messages.add(withHeader(jsonPayload(i, sizeBytes)));
        }
        return messages;
    }

    /** The message area of a SendMessages batch: what the server receives. */
    static ByteBuffer wire(List<OutgoingMessage> messages) {
        return SendMessages.of(Identifier.of(1), Identifier.of(1), Partitioning.balanced(), messages)
                .messages()
                .order(ByteOrder.LITTLE_ENDIAN);
    }

    /** A heap copy (position 0) of {@code batch}, with {@code prefix} free bytes in front. */
    static ByteBuffer copy(ByteBuffer batch, int prefix) {
        ByteBuffer copy = ByteBuffer.allocate(prefix + batch.remaining()).order(ByteOrder.LITTLE_ENDIAN);
        copy.position(prefix).put(batch.duplicate()).flip();
        return copy;
    }

    /** What the append does that matters here: offsets from {@code firstOffset}, then checksums. */
    static void stamp(ByteBuffer batch, int from, long firstOffset) {
        ByteBuffer le = batch.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        long offset = firstOffset;
        for (int at = from; at < le.limit(); ) {
            int size = (int) MessageLayout.messageSize(le, at);
            le.putLong(at + MessageLayout.OFFSET_OFFSET, offset++);
            le.putLong(at + MessageLayout.CHECKSUM_OFFSET, MessageChecksum.compute(le, at, size));
            at += size;
        }
    }

    static byte[] bytes(ByteBuffer buffer, int from) {
        ByteBuffer view = buffer.duplicate().position(from);
        byte[] bytes = new byte[view.remaining()];
        view.get(bytes);
        return bytes;
    }
}
