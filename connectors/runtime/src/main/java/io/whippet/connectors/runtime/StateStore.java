package io.whippet.connectors.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * A source's opaque state in {@code <state.path>/source_<key>.state} (spec §7). Saves are atomic
 * (temp file, fsync, rename, directory fsync), so a crash leaves the previous or the new state. An
 * empty or missing file means no state. Used by one source thread.
 */
final class StateStore {
    private final Path file;

    StateStore(Path stateDirectory, String key) {
        this.file = stateDirectory.resolve("source_" + key + ".state");
    }

    Path file() {
        return file;
    }

    byte @Nullable [] load() {
        try {
            if (!Files.isRegularFile(file)) {
                return null;
            }
            byte[] bytes = Files.readAllBytes(file);
            return bytes.length == 0 ? null : bytes;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read source state " + file, e);
        }
    }

    void save(byte[] state) {
        try {
            AtomicFiles.write(file, state);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save source state " + file, e);
        }
    }
}
