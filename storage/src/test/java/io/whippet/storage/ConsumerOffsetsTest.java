package io.whippet.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.whippet.protocol.WhippetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConsumerOffsetsTest {
    @TempDir
    Path directory;

    @Test
    void storedOffsetsSurviveReopenPerKindAndId() {
        ConsumerOffsets offsets = ConsumerOffsets.open(directory, FileIo.system());
        offsets.store(ConsumerKind.CONSUMER, 7, 100);
        offsets.store(ConsumerKind.CONSUMER, 7, 120);
        offsets.store(ConsumerKind.GROUP, 7, 5);
        offsets.store(ConsumerKind.CONSUMER, 0xFFFF_FFFFL, 1);

        ConsumerOffsets reopened = ConsumerOffsets.open(directory, FileIo.system());
        assertThat(reopened.offset(ConsumerKind.CONSUMER, 7)).hasValue(120);
        assertThat(reopened.offset(ConsumerKind.GROUP, 7)).hasValue(5);
        assertThat(reopened.offset(ConsumerKind.CONSUMER, 0xFFFF_FFFFL)).hasValue(1);
        assertThat(reopened.offset(ConsumerKind.GROUP, 8)).isEmpty();
        assertThat(reopened.lowestStoredOffset()).hasValue(1);
    }

    @Test
    void deleteForgetsTheOffsetDurably() {
        ConsumerOffsets offsets = ConsumerOffsets.open(directory, FileIo.system());
        offsets.store(ConsumerKind.GROUP, 3, 9);
        assertThat(offsets.delete(ConsumerKind.GROUP, 3)).isTrue();
        assertThat(offsets.delete(ConsumerKind.GROUP, 3)).isFalse();
        assertThat(ConsumerOffsets.open(directory, FileIo.system()).offset(ConsumerKind.GROUP, 3))
                .isEmpty();
        assertThat(offsets.lowestStoredOffset()).isEqualTo(OptionalLong.empty());
    }

    @Test
    void aTempFileLeftByACrashedStoreIsIgnoredAndTheOldOffsetKept() throws Exception {
        ConsumerOffsets offsets = ConsumerOffsets.open(directory, FileIo.system());
        offsets.store(ConsumerKind.CONSUMER, 1, 10);
        Path temp = directory.resolve("offsets/consumers/1.tmp");
        Files.write(temp, new byte[] {1, 2, 3});

        assertThat(ConsumerOffsets.open(directory, FileIo.system()).offset(ConsumerKind.CONSUMER, 1))
                .hasValue(10);
        assertThat(temp).doesNotExist();
    }

    @Test
    void idsOutsideU32AreRejected() {
        ConsumerOffsets offsets = ConsumerOffsets.open(directory, FileIo.system());
        assertThatThrownBy(() -> offsets.store(ConsumerKind.CONSUMER, 1L << 32, 1))
                .isInstanceOf(WhippetException.class);
        assertThatThrownBy(() -> offsets.store(ConsumerKind.CONSUMER, -1, 1)).isInstanceOf(WhippetException.class);
    }
}
