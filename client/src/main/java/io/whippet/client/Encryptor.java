package io.whippet.client;

import io.whippet.protocol.ErrorCode;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Client-side payload encryption: AES-256-GCM with a fresh random 12-byte nonce per message, in the
 * layout Iggy's SDKs use, so messages encrypted by one can be decrypted by the other.
 *
 * <pre>encrypted payload = [nonce:12][ciphertext: plaintext length][tag:16]</pre>
 *
 * No associated data: the producer does not know the offset (and, when balanced, not even the
 * partition) a message will get. Used by {@code Producer.Builder.encryptor} (encrypt before send)
 * and {@code Consumer.Builder.encryptor} (decrypt after poll); the server sees ciphertext only.
 *
 * <p>Thread-safe: each thread gets its own {@link Cipher}. The key never appears in
 * {@link #toString()}.
 *
 * <pre>{@code
 * Encryptor encryptor = Encryptor.fromBase64Key(System.getenv("PAYLOAD_KEY"));
 * byte[] sealed = encryptor.encrypt(payload);
 * byte[] plain = encryptor.decrypt(sealed);
 * }</pre>
 */
public final class Encryptor {
    public static final int KEY_BYTES = 32;
    public static final int NONCE_BYTES = 12;
    public static final int TAG_BYTES = 16;
    /** Bytes an encrypted payload adds to the plaintext. */
    public static final int OVERHEAD_BYTES = NONCE_BYTES + TAG_BYTES;

    private final SecretKey key;
    private final SecureRandom random = new SecureRandom();
    private final ThreadLocal<Cipher> ciphers = ThreadLocal.withInitial(Encryptor::newCipher);

    private Encryptor(byte[] key) {
        this.key = new SecretKeySpec(key, "AES");
    }

    /** An encryptor for a 32-byte key; anything else is an {@link IllegalArgumentException}. */
    public static Encryptor of(byte[] key) {
        if (key.length != KEY_BYTES) {
            throw new IllegalArgumentException(
                    "encryption key: " + key.length + " bytes (expected: " + KEY_BYTES + ")");
        }
        return new Encryptor(key.clone());
    }

    /**
     * An encryptor for the base64 of a 32-byte key (as the CLI's {@code --encryption-key} takes
     * it). A bad value is an {@link IllegalArgumentException} that never echoes the value.
     */
    public static Encryptor fromBase64Key(String base64Key) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64Key.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("encryption key is not valid base64");
        }
        try {
            return of(key);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    /** The encrypted form of {@code plaintext}, {@link #OVERHEAD_BYTES} longer. */
    public byte[] encrypt(byte[] plaintext) {
        byte[] out = new byte[plaintext.length + OVERHEAD_BYTES];
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
        try {
            Cipher cipher = ciphers.get();
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BYTES * 8, nonce));
            cipher.doFinal(plaintext, 0, plaintext.length, out, NONCE_BYTES);
            return out;
        } catch (GeneralSecurityException e) {
            throw new WhippetClientException(ErrorCode.CANNOT_ENCRYPT_DATA, "cannot encrypt a payload: " + e, e);
        }
    }

    /**
     * The plaintext of an encrypted payload. A payload too short to hold nonce and tag, or one
     * whose tag does not verify (another key, or altered bytes), is a {@link WhippetClientException}
     * with {@link ErrorCode#CANNOT_DECRYPT_DATA}; no unauthenticated byte is ever returned.
     */
    public byte[] decrypt(byte[] encrypted) {
        if (encrypted.length < OVERHEAD_BYTES) {
            throw new WhippetClientException(
                    ErrorCode.CANNOT_DECRYPT_DATA,
                    "encrypted payload: " + encrypted.length + " bytes (expected: >= " + OVERHEAD_BYTES + ")");
        }
        try {
            Cipher cipher = ciphers.get();
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BYTES * 8, encrypted, 0, NONCE_BYTES));
            return cipher.doFinal(encrypted, NONCE_BYTES, encrypted.length - NONCE_BYTES);
        } catch (AEADBadTagException e) {
            throw new WhippetClientException(
                    ErrorCode.CANNOT_DECRYPT_DATA,
                    "payload fails authentication (encrypted with another key, or altered)");
        } catch (GeneralSecurityException e) {
            throw new WhippetClientException(ErrorCode.CANNOT_DECRYPT_DATA, "cannot decrypt a payload: " + e, e);
        }
    }

    @Override
    public String toString() {
        return "Encryptor[AES-256-GCM, key=<redacted>]";
    }

    private static Cipher newCipher() {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK has no AES/GCM/NoPadding", e);
        }
    }
}
