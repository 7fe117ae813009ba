package io.whippet.storage;

import java.time.Instant;
import java.time.InstantSource;

/** A clock tests move by hand. */
final class ManualClock implements InstantSource {
    private volatile long micros;

    ManualClock(long micros) {
        this.micros = micros;
    }

    void advanceMicros(long delta) {
        micros += delta;
    }

    long micros() {
        return micros;
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochSecond(micros / 1_000_000, (micros % 1_000_000) * 1_000);
    }
}
