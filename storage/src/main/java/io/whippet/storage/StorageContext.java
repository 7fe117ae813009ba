package io.whippet.storage;

import java.time.InstantSource;
import java.util.random.RandomGenerator;

/**
 * What every partition of one data directory shares: the clock for message timestamps and
 * retention, the file layer, the group-commit {@link Flusher} and the source of message ids.
 *
 * <p>The random generator is shared by every partition: when it is a {@link
 * RandomGenerator.SplittableGenerator} each partition splits its own from it at open, otherwise
 * it must be thread-safe.
 */
public record StorageContext(InstantSource clock, FileIo fileIo, Flusher flusher, RandomGenerator random)
        implements AutoCloseable {

    /** The system clock, the real file system, a new flusher thread and a randomly seeded generator. */
    public static StorageContext defaults() {
        return new StorageContext(
                InstantSource.system(),
                FileIo.system(),
                new Flusher("default"),
                RandomGenerator.of("L64X256MixRandom"));
    }

    /** Stops the flusher (after it syncs what is pending). */
    @Override
    public void close() {
        flusher.close();
    }

    long nowMicros() {
        var instant = clock.instant();
        return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1_000;
    }

    /** A generator for one partition's appender. */
    RandomGenerator randomForPartition() {
        if (random instanceof RandomGenerator.SplittableGenerator splittable) {
            synchronized (splittable) {
                return splittable.split();
            }
        }
        return random;
    }
}
