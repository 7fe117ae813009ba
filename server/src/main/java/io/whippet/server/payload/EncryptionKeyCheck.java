package io.whippet.server.payload;

import io.whippet.protocol.WhippetException;
import io.whippet.server.config.ConfigException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * A small file in the data directory that tells, at start-up, whether the configured encryption
 * key is the one the data was written with, so a wrong key stops the server with one clear line
 * instead of surfacing later as failed polls.
 *
 * <pre>
 * {system.path}/encryption-key-check
 *   [known text, encrypted with the key: nonce 12 | ciphertext 32 | tag 16]   60 bytes
 * </pre>
 *
 * Written (temp file, fsync, rename) the first time the server starts with encryption on. The
 * file holds no key material: recovering the key from it is as hard as from any ciphertext.
 * Called once, by the starting thread.
 */
public final class EncryptionKeyCheck {
    static final String FILE_NAME = "encryption-key-check";
    private static final System.Logger LOG = System.getLogger(EncryptionKeyCheck.class.getName());
    private static final byte[] KNOWN = "whippet encryption key check v1.".getBytes(StandardCharsets.US_ASCII);

    private EncryptionKeyCheck() {}

    /**
     * With a key: checks it against the file, or writes the file when there is none. Without one:
     * warns when the data was written with encryption on (its encrypted messages will fail to
     * poll until the key is configured again).
     *
     * @throws ConfigException when the key does not match
     */
    public static void verify(Path dataRoot, byte @Nullable [] key) {
        Path file = dataRoot.resolve(FILE_NAME);
        if (key == null) {
            if (Files.exists(file)) {
                LOG.log(
                        System.Logger.Level.WARNING,
                        "{0} was written with system.encryption enabled; its encrypted messages cannot be polled"
                                + " until the same key is configured again",
                        dataRoot);
            }
            return;
        }
        var aes = new AesGcm(new SecretKeySpec(key, "AES"), new SecureRandom());
        try {
            if (Files.exists(file)) {
                check(aes, file, Files.readAllBytes(file));
            } else {
                write(aes, file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot access " + file, e);
        }
    }

    private static void check(AesGcm aes, Path file, byte[] sealed) {
        ByteBuffer plain = ByteBuffer.allocate(Math.max(0, sealed.length - AesGcm.OVERHEAD_BYTES));
        try {
            aes.open(ByteBuffer.wrap(sealed), plain, 0);
        } catch (WhippetException e) {
            throw mismatch(file);
        }
        if (!Arrays.equals(plain.array(), KNOWN)) {
            throw mismatch(file);
        }
    }

    private static ConfigException mismatch(Path file) {
        return new ConfigException("system.encryption.key is not the key the data in " + file.getParent()
                + " was encrypted with (the check in " + file.getFileName()
                + " fails); start with the original key");
    }

    private static void write(AesGcm aes, Path file) throws IOException {
        ByteBuffer sealed = ByteBuffer.allocate(KNOWN.length + AesGcm.OVERHEAD_BYTES);
        int length = aes.seal(ByteBuffer.wrap(KNOWN), sealed);
        sealed.limit(length);
        Path temp = file.resolveSibling(FILE_NAME + ".tmp");
        try (FileChannel channel = FileChannel.open(
                temp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            while (sealed.hasRemaining()) {
                channel.write(sealed);
            }
            channel.force(true);
        }
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
