package io.whippet.server.payload;

import io.whippet.protocol.ErrorCode;
import io.whippet.protocol.WhippetException;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * AES-256-GCM over one payload, in Iggy's layout: a fresh random nonce, then the ciphertext, then
 * the 16-byte tag, with no associated data.
 *
 * <pre>[nonce:12][ciphertext: same length as the plaintext][tag:16]</pre>
 *
 * Owned by one {@link PayloadWorker}, which reuses the {@link Cipher}; not thread-safe. The key
 * object is shared and never printed.
 */
final class AesGcm {
    static final int NONCE_BYTES = 12;
    static final int TAG_BYTES = 16;
    static final int OVERHEAD_BYTES = NONCE_BYTES + TAG_BYTES;

    private final SecretKey key;
    private final Cipher cipher;
    private final SecureRandom random;
    private final byte[] nonce = new byte[NONCE_BYTES];

    AesGcm(SecretKey key, SecureRandom random) {
        this.key = key;
        this.random = random;
        try {
            this.cipher = Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK has no AES/GCM/NoPadding", e);
        }
    }

    /**
     * Encrypts {@code plain} (position to limit) into {@code target} at its position, which must
     * have {@code plain.remaining() + OVERHEAD_BYTES} bytes of room; returns the bytes written.
     * Positions are left unchanged.
     */
    int seal(ByteBuffer plain, ByteBuffer target) {
        random.nextBytes(nonce);
        ByteBuffer out = target.duplicate();
        out.put(nonce);
        try {
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BYTES * 8, nonce));
            return NONCE_BYTES + cipher.doFinal(plain.duplicate(), out);
        } catch (GeneralSecurityException e) {
            throw new WhippetException(ErrorCode.CANNOT_ENCRYPT_DATA, "cannot encrypt a payload: " + e, e);
        }
    }

    /**
     * Decrypts {@code sealed} (position to limit) into {@code target} at its position, which must
     * have {@code sealed.remaining() - OVERHEAD_BYTES} bytes of room; returns the bytes written.
     * Lengths are checked first; a tag that does not verify is error 72, never output.
     */
    int open(ByteBuffer sealed, ByteBuffer target, long offset) {
        if (sealed.remaining() < OVERHEAD_BYTES) {
            throw new WhippetException(
                    ErrorCode.CANNOT_DECRYPT_DATA,
                    "message at offset " + offset + ": encrypted payload of " + sealed.remaining()
                            + " bytes (expected: >= " + OVERHEAD_BYTES + ")");
        }
        ByteBuffer in = sealed.duplicate();
        in.get(nonce);
        // On a bad tag the JDK releases no plaintext it could vouch for; we throw and the caller's
        // output buffer is discarded, so unauthenticated bytes never reach a client.
        try {
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BYTES * 8, nonce));
            return cipher.doFinal(in, target.duplicate());
        } catch (AEADBadTagException e) {
            throw new WhippetException(
                    ErrorCode.CANNOT_DECRYPT_DATA,
                    "message at offset " + offset
                            + ": payload fails authentication (encrypted with another key, or altered on disk)");
        } catch (GeneralSecurityException e) {
            throw new WhippetException(
                    ErrorCode.CANNOT_DECRYPT_DATA, "message at offset " + offset + ": cannot decrypt: " + e, e);
        }
    }
}
