package io.whippet.it;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.LockSupport;

/**
 * Retries an assertion until it passes or a deadline ends, for effects the server applies after
 * answering (a dropped connection leaving its consumer groups). Not a timing assertion: the
 * deadline only bounds a wait that normally ends at once.
 */
final class Eventually {
    private Eventually() {}

    static void assertWithin(int seconds, Runnable assertion) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(seconds));
        while (true) {
            try {
                assertion.run();
                return;
            } catch (AssertionError e) {
                if (Instant.now().isAfter(deadline)) {
                    throw e;
                }
                // Back off briefly so the retries do not crowd the server off the two cores.
                LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
            }
        }
    }
}
