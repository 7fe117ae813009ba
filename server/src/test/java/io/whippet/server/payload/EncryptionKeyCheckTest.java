package io.whippet.server.payload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.whippet.server.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EncryptionKeyCheckTest {
    @TempDir
    Path root;

    private static byte[] key(int seed) {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) seed);
        return key;
    }

    @Test
    void theFirstStartWithAKeyWritesTheCheckAndTheSameKeyPassesIt() {
        EncryptionKeyCheck.verify(root, key(1));

        assertThat(root.resolve(EncryptionKeyCheck.FILE_NAME)).exists();
        assertThatCode(() -> EncryptionKeyCheck.verify(root, key(1))).doesNotThrowAnyException();
    }

    @Test
    void anotherKeyStopsTheStartWithALineThatSaysSo() {
        EncryptionKeyCheck.verify(root, key(1));

        assertThatThrownBy(() -> EncryptionKeyCheck.verify(root, key(2)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("system.encryption.key is not the key");
    }

    @Test
    void theCheckFileHoldsNoKeyBytes() throws Exception {
        byte[] key = key(3);
        EncryptionKeyCheck.verify(root, key);

        byte[] file = Files.readAllBytes(root.resolve(EncryptionKeyCheck.FILE_NAME));
        assertThat(file).hasSize(32 + AesGcm.OVERHEAD_BYTES);
        assertThat(indexOf(file, Arrays.copyOf(key, 8))).isEqualTo(-1);
    }

    @Test
    void withoutEncryptionTheCheckIsNeitherWrittenNorEnforced() {
        EncryptionKeyCheck.verify(root, null);
        assertThat(root.resolve(EncryptionKeyCheck.FILE_NAME)).doesNotExist();

        EncryptionKeyCheck.verify(root, key(1));
        assertThatCode(() -> EncryptionKeyCheck.verify(root, null)).doesNotThrowAnyException();
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        return -1;
    }
}
