package io.whippet.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A {@link FileIo} over real files that models a disk's volatile cache, for crash tests.
 *
 * <p>It remembers, per file, the content the last fsync made durable and whether the file's
 * directory entry is durable. {@link #powerLoss} then rewrites the files as a power cut would leave
 * them: a file whose creation was never made durable by a directory fsync may vanish, and every
 * other file keeps its durable content plus a random prefix of what was written after it (a torn
 * tail). A crash point ({@link #crashAfterOperations}) makes every operation from then on fail, as
 * if the process died there. Separate switches fail fsyncs or writes to test fencing. fsync does
 * not reach the real disk, which keeps crash tests fast.
 *
 * <p>Renames are taken as immediately durable (only consumer offsets rename, and they are not part
 * of the power-loss workload).
 */
final class SimulatedDisk implements FileIo {
    private final Object lock = new Object();
    private final Map<Path, byte[]> durableContent = new HashMap<>();
    private final Map<Path, Boolean> entryDurable = new HashMap<>();
    private final List<Thread> directorySyncers = new ArrayList<>();
    private long operations;
    private long crashAfter = Long.MAX_VALUE;
    private boolean crashed;
    private volatile boolean failForces;
    private volatile boolean failWrites;

    void crashAfterOperations(long count) {
        synchronized (lock) {
            crashAfter = count;
        }
    }

    /** Operations counted so far, to place a crash point relative to now. */
    long operations() {
        synchronized (lock) {
            return operations;
        }
    }

    /** The threads that fsynced a directory so far, one entry per fsync. */
    List<Thread> directorySyncers() {
        synchronized (lock) {
            return List.copyOf(directorySyncers);
        }
    }

    boolean crashed() {
        synchronized (lock) {
            return crashed;
        }
    }

    void failForces(boolean value) {
        failForces = value;
    }

    void failWrites(boolean value) {
        failWrites = value;
    }

    /** Stops everything (if not yet stopped) and leaves the files as a power cut would. */
    void powerLoss(SplittableRandom random) throws IOException {
        synchronized (lock) {
            crashed = true;
            for (var entry : entryDurable.entrySet()) {
                Path path = entry.getKey();
                if (!Files.exists(path)) {
                    continue;
                }
                if (!entry.getValue() && random.nextBoolean()) {
                    Files.delete(path);
                    continue;
                }
                byte[] durable = durableContent.getOrDefault(path, new byte[0]);
                byte[] current = Files.readAllBytes(path);
                byte[] survivor;
                if (current.length >= durable.length
                        && Arrays.equals(current, 0, durable.length, durable, 0, durable.length)) {
                    int kept = durable.length + random.nextInt(current.length - durable.length + 1);
                    survivor = Arrays.copyOf(current, kept);
                } else {
                    survivor = random.nextBoolean() ? durable : current;
                }
                Files.write(path, survivor);
            }
        }
    }

    /** Counts an operation and fails it if the process has "died". */
    private void step(String what) throws IOException {
        synchronized (lock) {
            if (crashed || ++operations > crashAfter) {
                crashed = true;
                throw new IOException("simulated crash before " + what);
            }
        }
    }

    /**
     * Never: the reservation's native calls would reach the real files behind this model's back,
     * and after a simulated crash or power cut nothing may touch them.
     */
    @Override
    public boolean reserveBlocks(Path path, BlockReservation.FileId id, long offsetBytes, long lengthBytes) {
        return false;
    }

    @Override
    public boolean releaseBlocks(Path path, BlockReservation.FileId id, long sizeBytes) {
        return false;
    }

    @Override
    public FileChannel open(Path path, OpenOption... options) throws IOException {
        step("open " + path);
        boolean existed = Files.exists(path);
        byte[] before = null;
        synchronized (lock) {
            if (existed && !durableContent.containsKey(path)) {
                // Files from before this disk was watching count as durable as they are.
                before = Files.readAllBytes(path);
            }
        }
        FileChannel channel = FileChannel.open(path, options);
        synchronized (lock) {
            if (!existed) {
                entryDurable.put(path, false);
                durableContent.put(path, new byte[0]);
            } else {
                entryDurable.putIfAbsent(path, true);
                if (before != null) {
                    durableContent.putIfAbsent(path, before);
                }
            }
        }
        return new Channel(path, channel);
    }

    @Override
    public void syncDirectory(Path directory) throws IOException {
        step("sync " + directory);
        synchronized (lock) {
            directorySyncers.add(Thread.currentThread());
            for (var entry : entryDurable.entrySet()) {
                if (directory.equals(entry.getKey().getParent())) {
                    entry.setValue(true);
                }
            }
        }
    }

    @Override
    public boolean delete(Path path) throws IOException {
        step("delete " + path);
        synchronized (lock) {
            entryDurable.remove(path);
            durableContent.remove(path);
        }
        return Files.deleteIfExists(path);
    }

    @Override
    public void move(Path source, Path target) throws IOException {
        step("move " + source);
        FileIo.system().move(source, target);
        synchronized (lock) {
            entryDurable.remove(source);
            durableContent.remove(source);
            entryDurable.put(target, true);
            durableContent.put(target, Files.readAllBytes(target));
        }
    }

    /** A real channel whose fsync records durable content instead of reaching the disk. */
    private final class Channel extends FileChannel {
        private final Path path;
        private final FileChannel delegate;

        Channel(Path path, FileChannel delegate) {
            this.path = path;
            this.delegate = delegate;
        }

        private void beforeWrite() throws IOException {
            step("write " + path);
            if (failWrites) {
                throw new IOException("simulated write failure on " + path);
            }
        }

        @Override
        public void force(boolean metaData) throws IOException {
            step("force " + path);
            if (failForces) {
                throw new IOException("simulated fsync failure on " + path);
            }
            synchronized (lock) {
                if (crashed) {
                    throw new IOException("simulated crash during force");
                }
                durableContent.put(path, Files.readAllBytes(path));
            }
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            beforeWrite();
            return delegate.write(src);
        }

        @Override
        public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
            beforeWrite();
            return delegate.write(srcs, offset, length);
        }

        @Override
        public int write(ByteBuffer src, long position) throws IOException {
            beforeWrite();
            return delegate.write(src, position);
        }

        @Override
        public FileChannel truncate(long size) throws IOException {
            beforeWrite();
            delegate.truncate(size);
            return this;
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            return delegate.read(dst);
        }

        @Override
        public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
            return delegate.read(dsts, offset, length);
        }

        @Override
        public int read(ByteBuffer dst, long position) throws IOException {
            return delegate.read(dst, position);
        }

        @Override
        public long position() throws IOException {
            return delegate.position();
        }

        @Override
        public FileChannel position(long newPosition) throws IOException {
            delegate.position(newPosition);
            return this;
        }

        @Override
        public long size() throws IOException {
            return delegate.size();
        }

        @Override
        public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
            return delegate.transferTo(position, count, target);
        }

        @Override
        public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException {
            beforeWrite();
            return delegate.transferFrom(src, position, count);
        }

        @Override
        public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
            return delegate.map(mode, position, size);
        }

        @Override
        public FileLock lock(long position, long size, boolean shared) throws IOException {
            return delegate.lock(position, size, shared);
        }

        @Override
        public FileLock tryLock(long position, long size, boolean shared) throws IOException {
            return delegate.tryLock(position, size, shared);
        }

        @Override
        protected void implCloseChannel() throws IOException {
            delegate.close();
        }
    }
}
