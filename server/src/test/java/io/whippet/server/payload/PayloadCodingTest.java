package io.whippet.server.payload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.whippet.protocol.ErrorCode;
import io.whippet.protocol.MessageLayout;
import io.whippet.protocol.WhippetException;
import io.whippet.protocol.command.OutgoingMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class PayloadCodingTest {
    private static final int PREFIX = 16;
    private static final byte[] KEY = key(7);
    private static final byte[] OTHER_KEY = key(8);

    private static byte[] key(int seed) {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) seed);
        return key;
    }

    private static PayloadWorker worker(byte @Nullable [] key) {
        return new WorkerPool(key == null ? null : new SecretKeySpec(key, "AES"), 1).take();
    }

    /** The stored form of {@code messages} (stamped as the append would), with the prefix in front. */
    private static ByteBuffer store(
            List<OutgoingMessage> messages, boolean compress, byte @Nullable [] key, long firstOffset) {
        ByteBuffer wire = Batches.wire(messages);
        ByteBuffer encoded = BatchEncoder.encode(wire, messages.size(), compress, key != null, worker(key));
        ByteBuffer stored = Batches.copy(encoded, PREFIX);
        Batches.stamp(stored, PREFIX, firstOffset);
        return stored;
    }

    /** What a client must get back: the wire batch stamped with the same offsets, never encoded. */
    private static byte[] expected(List<OutgoingMessage> messages, long firstOffset) {
        ByteBuffer plain = Batches.copy(Batches.wire(messages), PREFIX);
        Batches.stamp(plain, PREFIX, firstOffset);
        return Batches.bytes(plain, PREFIX);
    }

    private static DecodedMessages decode(ByteBuffer stored, byte @Nullable [] key) {
        return BatchDecoder.decode(stored, PREFIX, Long.MAX_VALUE, worker(key));
    }

    private static long flagsOfFirst(ByteBuffer stored) {
        return stored.getLong(PREFIX + MessageLayout.RESERVED_OFFSET);
    }

    @Test
    void gzipRoundTripRestoresEveryByteIncludingHeadersAndChecksum() {
        List<OutgoingMessage> messages = Batches.jsonMessages(20, 1000);
        ByteBuffer stored = store(messages, true, null, 100);

        assertThat(stored.remaining() - PREFIX)
                .isLessThan(Batches.wire(messages).remaining() / 3);
        assertThat(flagsOfFirst(stored)).isEqualTo(StoredEncoding.GZIP);
        DecodedMessages decoded = decode(stored, null);
        assertThat(decoded.count()).isEqualTo(20);
        assertThat(decoded.lastOffset()).isEqualTo(119);
        assertThat(Batches.bytes(decoded.buffer(), PREFIX)).isEqualTo(expected(messages, 100));
    }

    @Test
    void encryptedRoundTripRestoresEveryByte() {
        List<OutgoingMessage> messages = Batches.jsonMessages(5, 300);
        ByteBuffer stored = store(messages, false, KEY, 0);

        assertThat(flagsOfFirst(stored)).isEqualTo(StoredEncoding.ENCRYPTED);
        assertThat(Batches.bytes(decode(stored, KEY).buffer(), PREFIX)).isEqualTo(expected(messages, 0));
    }

    @Test
    void compressedAndEncryptedRoundTripRestoresEveryByte() {
        List<OutgoingMessage> messages = Batches.jsonMessages(5, 2000);
        ByteBuffer stored = store(messages, true, KEY, 0);

        assertThat(flagsOfFirst(stored)).isEqualTo(StoredEncoding.ENCRYPTED | StoredEncoding.GZIP);
        assertThat(stored.remaining() - PREFIX)
                .isLessThan(Batches.wire(messages).remaining() / 3);
        assertThat(Batches.bytes(decode(stored, KEY).buffer(), PREFIX)).isEqualTo(expected(messages, 0));
    }

    @Test
    void payloadsThatAreSmallOrDoNotShrinkAreStoredAsSent() {
        List<OutgoingMessage> messages = List.of(
                Batches.withHeader(Batches.jsonPayload(0, BatchEncoder.MIN_COMPRESSED_PAYLOAD_BYTES - 1)),
                Batches.withHeader(Batches.randomPayload(1, 5000)));
        ByteBuffer stored = store(messages, true, null, 0);

        assertThat(Batches.bytes(stored, PREFIX)).isEqualTo(expected(messages, 0));
        DecodedMessages decoded = decode(stored, null);
        assertThat(Batches.bytes(decoded.buffer(), PREFIX)).isEqualTo(expected(messages, 0));
    }

    @Test
    void aStoredGzipPayloadIsAStandardGzipMember() throws IOException {
        byte[] payload = Batches.jsonPayload(3, 4000);
        ByteBuffer stored = store(List.of(OutgoingMessage.of(payload)), true, null, 0);
        int length = stored.getInt(PREFIX + MessageLayout.PAYLOAD_LENGTH_OFFSET);
        byte[] member = Arrays.copyOfRange(
                stored.array(), PREFIX + MessageLayout.HEADER_SIZE, PREFIX + MessageLayout.HEADER_SIZE + length);

        try (var in = new GZIPInputStream(new ByteArrayInputStream(member))) {
            assertThat(in.readAllBytes()).isEqualTo(payload);
        }
    }

    @Test
    void anEncryptedPayloadIsNonceThenCiphertextThenTagAsInIggy() throws Exception {
        byte[] payload = Batches.jsonPayload(4, 500);
        ByteBuffer stored = store(List.of(OutgoingMessage.of(payload)), false, KEY, 0);
        int length = stored.getInt(PREFIX + MessageLayout.PAYLOAD_LENGTH_OFFSET);
        int start = PREFIX + MessageLayout.HEADER_SIZE;
        assertThat(length).isEqualTo(payload.length + 28);

        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(
                Cipher.DECRYPT_MODE,
                new SecretKeySpec(KEY, "AES"),
                new GCMParameterSpec(128, Arrays.copyOfRange(stored.array(), start, start + 12)));
        assertThat(cipher.doFinal(stored.array(), start + 12, length - 12)).isEqualTo(payload);
    }

    @Test
    void twoEncryptionsOfOnePayloadUseDifferentNonces() {
        byte[] payload = Batches.jsonPayload(5, 100);
        ByteBuffer first = store(List.of(OutgoingMessage.of(payload)), false, KEY, 0);
        ByteBuffer second = store(List.of(OutgoingMessage.of(payload)), false, KEY, 0);
        int start = PREFIX + MessageLayout.HEADER_SIZE;

        assertThat(Arrays.copyOfRange(first.array(), start, start + 12))
                .isNotEqualTo(Arrays.copyOfRange(second.array(), start, start + 12));
    }

    @Test
    void aTamperedCiphertextByteIsAnErrorNotGarbage() {
        ByteBuffer stored = store(Batches.jsonMessages(3, 200), false, KEY, 0);
        int secondPayload = PREFIX
                + (int) MessageLayout.messageSize(stored, PREFIX)
                + MessageLayout.HEADER_SIZE
                + AesGcm.NONCE_BYTES
                + 5;
        stored.put(secondPayload, (byte) (stored.get(secondPayload) ^ 1));

        assertThatThrownBy(() -> decode(stored, KEY))
                .isInstanceOfSatisfying(
                        WhippetException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.CANNOT_DECRYPT_DATA))
                .hasMessageContaining("offset 1");
    }

    @Test
    void anotherKeyCannotDecrypt() {
        ByteBuffer stored = store(Batches.jsonMessages(1, 200), true, KEY, 0);

        assertThatThrownBy(() -> decode(stored, OTHER_KEY))
                .isInstanceOfSatisfying(
                        WhippetException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.CANNOT_DECRYPT_DATA))
                .hasMessageContaining("fails authentication");
    }

    @Test
    void anEncryptedMessageWithoutAKeyIsAClearError() {
        ByteBuffer stored = store(Batches.jsonMessages(1, 200), false, KEY, 0);

        assertThatThrownBy(() -> decode(stored, null))
                .isInstanceOfSatisfying(
                        WhippetException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.CANNOT_DECRYPT_DATA))
                .hasMessageContaining("system.encryption is not enabled");
    }

    @Test
    void aTruncatedEncryptedPayloadFailsOnLengthBeforeDecrypting() {
        List<OutgoingMessage> messages = List.of(OutgoingMessage.of(new byte[] {1, 2, 3}));
        ByteBuffer stored = Batches.copy(Batches.wire(messages), PREFIX);
        stored.putLong(PREFIX + MessageLayout.RESERVED_OFFSET, StoredEncoding.ENCRYPTED);
        Batches.stamp(stored, PREFIX, 0);

        assertThatThrownBy(() -> decode(stored, KEY))
                .isInstanceOfSatisfying(
                        WhippetException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.CANNOT_DECRYPT_DATA))
                .hasMessageContaining("expected: >= 28");
    }

    @Test
    void aCorruptGzipPayloadIsAReadError() {
        ByteBuffer stored = store(Batches.jsonMessages(1, 3000), true, null, 0);
        int inDeflate = PREFIX + MessageLayout.HEADER_SIZE + Gzip.HEADER_BYTES + 20;
        stored.put(inDeflate, (byte) (stored.get(inDeflate) ^ 0x55));

        assertThatThrownBy(() -> decode(stored, null))
                .isInstanceOfSatisfying(
                        WhippetException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.CANNOT_READ_MESSAGE));
    }

    @Test
    void aGzipTrailerClaimingAnOversizedPayloadIsRefusedBeforeAllocating() {
        ByteBuffer stored = store(Batches.jsonMessages(1, 3000), true, null, 0);
        int length = stored.getInt(PREFIX + MessageLayout.PAYLOAD_LENGTH_OFFSET);
        stored.putInt(PREFIX + MessageLayout.HEADER_SIZE + length - 4, Integer.MAX_VALUE);

        assertThatThrownBy(() -> decode(stored, null))
                .isInstanceOfSatisfying(
                        WhippetException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.CANNOT_READ_MESSAGE))
                .hasMessageContaining("gzip length");
    }

    @Test
    void unknownEncodingFlagsAreAReadError() {
        ByteBuffer stored = store(Batches.jsonMessages(1, 100), false, null, 0);
        stored.putLong(PREFIX + MessageLayout.RESERVED_OFFSET, 1L << 20);

        assertThatThrownBy(() -> decode(stored, null))
                .isInstanceOfSatisfying(
                        WhippetException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.CANNOT_READ_MESSAGE))
                .hasMessageContaining("unknown payload encoding");
    }

    @Test
    void plainGzipAndEncryptedMessagesSideBySideAllReadBack() {
        List<OutgoingMessage> plain = Batches.jsonMessages(3, 500);
        List<OutgoingMessage> gzip = Batches.jsonMessages(4, 800);
        List<OutgoingMessage> encrypted = Batches.jsonMessages(2, 900);
        ByteBuffer a = store(plain, false, null, 0);
        ByteBuffer b = store(gzip, true, null, 3);
        ByteBuffer c = store(encrypted, true, KEY, 7);
        ByteBuffer segment = ByteBuffer.allocate(PREFIX + 3 * 100_000).order(ByteOrder.LITTLE_ENDIAN);
        segment.position(PREFIX);
        for (ByteBuffer part : List.of(a, b, c)) {
            segment.put(part.duplicate().position(PREFIX));
        }
        segment.flip();
        List<OutgoingMessage> all = new ArrayList<>(plain);
        all.addAll(gzip);
        all.addAll(encrypted);

        DecodedMessages decoded = decode(segment, KEY);

        assertThat(decoded.count()).isEqualTo(9);
        assertThat(Batches.bytes(decoded.buffer(), PREFIX)).isEqualTo(expected(all, 0));
    }

    @Test
    void aRunWithNoEncodedMessageComesBackWithoutACopy() {
        ByteBuffer stored = store(Batches.jsonMessages(3, 100), false, null, 0);

        DecodedMessages decoded = decode(stored, null);

        assertThat(decoded.buffer().array()).isSameAs(stored.array());
        assertThat(decoded.count()).isEqualTo(3);
    }

    @Test
    void decodingStopsBeforeTheMessageThatPassesTheByteLimitButAlwaysReturnsOne() {
        List<OutgoingMessage> messages = Batches.jsonMessages(10, 10_000);
        ByteBuffer stored = store(messages, true, null, 0);
        int oneMessage = MessageLayout.HEADER_SIZE + 10_000 + 19; // headers: kind=order

        DecodedMessages three = BatchDecoder.decode(stored, PREFIX, 3L * oneMessage + 10, worker(null));
        DecodedMessages one = BatchDecoder.decode(stored, PREFIX, 10, worker(null));

        assertThat(three.count()).isEqualTo(3);
        assertThat(three.lastOffset()).isEqualTo(2);
        assertThat(three.buffer().remaining() - PREFIX).isEqualTo(3 * oneMessage);
        assertThat(one.count()).isEqualTo(1);
    }

    @Test
    void clearingEncodingZeroesWhatAClientPutInTheReservedField() {
        ByteBuffer wire = Batches.wire(Batches.jsonMessages(2, 100));
        wire.putLong(MessageLayout.RESERVED_OFFSET, StoredEncoding.ENCRYPTED);

        BatchEncoder.clearEncoding(wire, 2);

        assertThat(wire.getLong(MessageLayout.RESERVED_OFFSET)).isZero();
    }
}
