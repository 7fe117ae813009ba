package io.whippet.storage;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.OpenOption;
import java.nio.file.Path;

/**
 * The file operations storage performs that change what survives a crash: opening (and so
 * creating) files, syncing directories, deleting and renaming. It is the seam for fault injection:
 * tests substitute an implementation that fails operations or forgets unsynced bytes. Reads of
 * directory listings and file sizes go straight to {@link java.nio.file.Files}.
 *
 * <p>The seam speaks {@link IOException}; storage turns every one into a {@code WhippetException}.
 * Implementations must be thread-safe.
 */
public interface FileIo {
    FileChannel open(Path path, OpenOption... options) throws IOException;

    /** Makes creations, renames and deletions of entries in this directory durable. */
    void syncDirectory(Path directory) throws IOException;

    /** Deletes the file if it exists; returns whether it did. */
    boolean delete(Path path) throws IOException;

    /** Renames atomically, replacing the target. */
    void move(Path source, Path target) throws IOException;

    /**
     * Reserves blocks past the end of the file {@code id} names without changing its length;
     * whether it did (see {@link BlockReservation}). Best effort, never required.
     */
    default boolean reserveBlocks(Path path, BlockReservation.FileId id, long offsetBytes, long lengthBytes) {
        return BlockReservation.reserve(path, id, offsetBytes, lengthBytes);
    }

    /** Gives back the blocks reserved past {@code sizeBytes}, the file's length; whether it did. */
    default boolean releaseBlocks(Path path, BlockReservation.FileId id, long sizeBytes) {
        return BlockReservation.release(path, id, sizeBytes);
    }

    /** The real file system. */
    static FileIo system() {
        return SystemFileIo.INSTANCE;
    }
}
