package io.whippet.server.metadata;

import java.time.Instant;
import java.time.InstantSource;

/** A clock tests move by hand. */
final class ManualClock implements InstantSource {
    private long nowMicros;

    ManualClock(long nowMicros) {
        this.nowMicros = nowMicros;
    }

    void advanceMicros(long micros) {
        nowMicros += micros;
    }

    void set(long micros) {
        nowMicros = micros;
    }

    long nowMicros() {
        return nowMicros;
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochSecond(nowMicros / 1_000_000, (nowMicros % 1_000_000) * 1_000);
    }
}
