package io.whippet.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.whippet.protocol.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class EncryptorTest {
    private static final byte[] KEY = key(5);
    private static final byte[] PLAIN = "{\"order\":1,\"status\":\"shipped\"}".getBytes(StandardCharsets.UTF_8);

    private static byte[] key(int seed) {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) seed);
        return key;
    }

    @Test
    void encryptThenDecryptGivesThePlaintextBack() {
        Encryptor encryptor = Encryptor.fromBase64Key(Base64.getEncoder().encodeToString(KEY));

        byte[] sealed = encryptor.encrypt(PLAIN);

        assertThat(sealed).hasSize(PLAIN.length + Encryptor.OVERHEAD_BYTES);
        assertThat(encryptor.decrypt(sealed)).isEqualTo(PLAIN);
    }

    @Test
    void theLayoutIsNonceCiphertextTagAsInIggy() throws Exception {
        byte[] sealed = Encryptor.of(KEY).encrypt(PLAIN);

        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(KEY, "AES"), new GCMParameterSpec(128, sealed, 0, 12));
        assertThat(cipher.doFinal(sealed, 12, sealed.length - 12)).isEqualTo(PLAIN);
    }

    @Test
    void everyEncryptionUsesAFreshNonce() {
        Encryptor encryptor = Encryptor.of(KEY);

        byte[] first = encryptor.encrypt(PLAIN);
        byte[] second = encryptor.encrypt(PLAIN);

        assertThat(Arrays.copyOf(first, 12)).isNotEqualTo(Arrays.copyOf(second, 12));
    }

    @Test
    void aTamperedByteIsAnErrorNotGarbage() {
        Encryptor encryptor = Encryptor.of(KEY);
        byte[] sealed = encryptor.encrypt(PLAIN);
        sealed[15] ^= 1;

        assertThatThrownBy(() -> encryptor.decrypt(sealed))
                .isInstanceOfSatisfying(
                        WhippetClientException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.CANNOT_DECRYPT_DATA))
                .hasMessageContaining("fails authentication");
    }

    @Test
    void anotherKeyCannotDecrypt() {
        byte[] sealed = Encryptor.of(KEY).encrypt(PLAIN);

        assertThatThrownBy(() -> Encryptor.of(key(6)).decrypt(sealed))
                .isInstanceOf(WhippetClientException.class)
                .hasMessageContaining("another key");
    }

    @Test
    void aPayloadShorterThanNonceAndTagFailsOnLength() {
        assertThatThrownBy(() -> Encryptor.of(KEY).decrypt(new byte[27]))
                .isInstanceOf(WhippetClientException.class)
                .hasMessageContaining("expected: >= 28");
    }

    @Test
    void badKeysAreRefusedWithoutEchoingThem() {
        assertThatThrownBy(() -> Encryptor.fromBase64Key("not base64 !!"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("encryption key is not valid base64");
        String shortKey = Base64.getEncoder().encodeToString(new byte[16]);
        assertThatThrownBy(() -> Encryptor.fromBase64Key(shortKey))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("16 bytes (expected: 32)")
                .hasMessageNotContaining(shortKey);
    }

    @Test
    void toStringNeverShowsTheKey() {
        String base64 = Base64.getEncoder().encodeToString(KEY);

        assertThat(Encryptor.fromBase64Key(base64).toString())
                .doesNotContain(base64)
                .contains("redacted");
    }
}
