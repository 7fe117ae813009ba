package io.whippet.storage;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Reserves disk blocks past the end of a file without changing its size ({@code fallocate} with
 * {@code FALLOC_FL_KEEP_SIZE}), and gives back the reserved blocks a file did not use ({@code
 * ftruncate} to its own size). Best effort: where the C library or the file system lacks the call
 * (not Linux, tmpfs on old kernels, some network file systems) both are no-ops and say so.
 *
 * <p>Why: on ext4 a buffered write to new blocks only reserves them (delayed allocation); the
 * blocks are allocated when the pages are written back, and that allocation holds the inode's
 * block-map lock, which the next write to the same file also needs. So while an fsync writes back
 * hundreds of megabytes, an append stalled for 20-80 ms (measured with {@code perf trace}: every
 * background fdatasync of a segment came with one 1 MB pwrite of 18-78 ms). Writes into blocks
 * reserved ahead take no allocation at all, and the stall went away (a 1 MB pwrite loop with an
 * fdatasync every 256 MiB from a second thread: longest write 69-162 ms without, 2.8-4.1 ms with
 * that thread reserving before each fdatasync; a writer reserving for itself waited 85-117 ms in
 * {@code fallocate} instead, hence {@link Segment#reserveAhead} runs on the flusher).
 *
 * <p>The file's length never changes here, so what readers and recovery see is the same; after a
 * crash, reserved blocks that were never written read as zeros and lie past the end anyway.
 * {@code -Dwhippet.storage.reserveBlocks=false} turns it off. Thread-safe: every call opens its
 * own descriptor by path, and acts only if that descriptor's file is the one the caller means
 * ({@link FileId}): a purge may have deleted the segment and created another under its name, and
 * truncating that one to the old one's length would cut or pad a live log.
 */
final class BlockReservation {
    private static final int O_WRONLY = 1;
    private static final int O_CLOEXEC = 0x80000;
    private static final int FALLOC_FL_KEEP_SIZE = 1;

    private static final @Nullable Natives NATIVES = Natives.load();

    private BlockReservation() {}

    /**
     * Reserves blocks for {@code [offsetBytes, offsetBytes + lengthBytes)} of {@code file}; returns
     * whether the file system did. A refusal (no space, not supported) is no failure: the write
     * that needs those blocks then allocates them as it always did, or fails on its own.
     */
    static boolean reserve(Path file, FileId id, long offsetBytes, long lengthBytes) {
        return lengthBytes > 0
                && succeeds(file, id, (natives, fd) ->
                        (int) natives.fallocate.invokeExact(fd, FALLOC_FL_KEEP_SIZE, offsetBytes, lengthBytes));
    }

    /**
     * Frees the blocks reserved past the end of {@code file}, whose length is {@code sizeBytes}
     * (truncating a file to its own length drops the blocks past it); returns whether it did.
     */
    static boolean release(Path file, FileId id, long sizeBytes) {
        return succeeds(file, id, (natives, fd) -> (int) natives.ftruncate.invokeExact(fd, sizeBytes));
    }

    /**
     * One call on a descriptor of its own for {@code file}, provided it is the file {@code id}
     * names: whether it returned 0.
     */
    private static boolean succeeds(Path file, FileId id, Call call) {
        Natives natives = NATIVES;
        if (natives == null) {
            return false;
        }
        try (Arena arena = Arena.ofConfined()) {
            int fd = (int) natives.open.invokeExact(arena.allocateFrom(file.toString()), O_WRONLY | O_CLOEXEC, 0);
            if (fd < 0) {
                return false;
            }
            try {
                // The descriptor's own file, even if the path names another one by now.
                return id.equals(FileId.of(Path.of("/proc/self/fd/" + fd))) && call.on(natives, fd) == 0;
            } finally {
                int ignored = (int) natives.close.invokeExact(fd);
            }
        } catch (Throwable e) {
            return false;
        }
    }

    /**
     * A file's identity: device, inode and birth time. The inode alone is not enough: ext4 hands
     * a deleted file's inode number to the next file created. Where the birth time is unknown the
     * JDK answers the modification time, which changes with every write, so reservations then
     * stop (the safe side).
     */
    record FileId(long device, long inode, long bornNanos) {
        /** The identity of the file {@code path} names (following links), or null if there is none. */
        static @Nullable FileId of(Path path) {
            try {
                // One stat for all three.
                Map<String, Object> attributes = Files.readAttributes(path, "unix:dev,ino,creationTime");
                return attributes.get("dev") instanceof Long device
                                && attributes.get("ino") instanceof Long inode
                                && attributes.get("creationTime") instanceof FileTime born
                        ? new FileId(device, inode, born.to(TimeUnit.NANOSECONDS))
                        : null;
            } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
                return null;
            }
        }
    }

    @FunctionalInterface
    private interface Call {
        int on(Natives natives, int fd) throws Throwable;
    }

    /** The C library's calls, or null where one of them is missing. */
    private record Natives(MethodHandle open, MethodHandle fallocate, MethodHandle ftruncate, MethodHandle close) {
        static @Nullable Natives load() {
            if (!System.getProperty("os.name", "").startsWith("Linux")
                    || !Boolean.parseBoolean(System.getProperty("whippet.storage.reserveBlocks", "true"))) {
                return null;
            }
            try {
                Linker linker = Linker.nativeLinker();
                SymbolLookup libc = linker.defaultLookup();
                Optional<MemorySegment> open = libc.find("open");
                Optional<MemorySegment> fallocate = libc.find("fallocate");
                Optional<MemorySegment> ftruncate = libc.find("ftruncate");
                Optional<MemorySegment> close = libc.find("close");
                if (open.isEmpty() || fallocate.isEmpty() || ftruncate.isEmpty() || close.isEmpty()) {
                    return null;
                }
                ValueLayout.OfInt i32 = ValueLayout.JAVA_INT;
                ValueLayout.OfLong i64 = ValueLayout.JAVA_LONG;
                return new Natives(
                        // open(path, flags, ...): the mode is variadic.
                        linker.downcallHandle(
                                open.get(),
                                FunctionDescriptor.of(i32, ValueLayout.ADDRESS, i32, i32),
                                Linker.Option.firstVariadicArg(2)),
                        linker.downcallHandle(fallocate.get(), FunctionDescriptor.of(i32, i32, i32, i64, i64)),
                        linker.downcallHandle(ftruncate.get(), FunctionDescriptor.of(i32, i32, i64)),
                        linker.downcallHandle(close.get(), FunctionDescriptor.of(i32, i32)));
            } catch (RuntimeException | LinkageError e) {
                // No native access (a JVM without --enable-native-access may refuse): do without.
                return null;
            }
        }
    }
}
