package io.whippet.server.metadata;

import java.util.ArrayList;
import java.util.List;

/**
 * Id allocation of one scope (all streams, the topics of a stream, the groups of a topic, all
 * users), reproducing Iggy 0.8.0's slab: the most recently freed id is handed out first, otherwise
 * the next id never used. Immutable: every change returns a new slab.
 *
 * @param nextNeverUsed the id after the highest ever handed out
 * @param freed freed ids as a stack; the last element was freed most recently
 */
record IdSlab(long nextNeverUsed, List<Long> freed) {

    static final IdSlab EMPTY = new IdSlab(0, List.of());

    IdSlab {
        freed = List.copyOf(freed);
    }

    /** The id the next creation in this scope gets. */
    long peek() {
        return freed.isEmpty() ? nextNeverUsed : freed.getLast();
    }

    /** Marks {@code id} as used. Replay calls this with logged ids, so any id is accepted. */
    IdSlab claim(long id) {
        if (!freed.isEmpty() && freed.getLast() == id) {
            return new IdSlab(nextNeverUsed, freed.subList(0, freed.size() - 1));
        }
        if (id >= nextNeverUsed) {
            // Ids skipped over become free, lowest last, as if each had been handed out and freed.
            List<Long> newFreed = new ArrayList<>(freed);
            for (long skipped = id - 1; skipped >= nextNeverUsed; skipped--) {
                newFreed.add(skipped);
            }
            return new IdSlab(id + 1, newFreed);
        }
        List<Long> newFreed = new ArrayList<>(freed);
        newFreed.remove(Long.valueOf(id));
        return new IdSlab(nextNeverUsed, newFreed);
    }

    IdSlab release(long id) {
        List<Long> newFreed = new ArrayList<>(freed);
        newFreed.add(id);
        return new IdSlab(nextNeverUsed, newFreed);
    }
}
