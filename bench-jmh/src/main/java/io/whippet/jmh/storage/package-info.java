/**
 * JMH benchmarks of the partition log: append, read, group commit, recovery, and the XXH3
 * checksum alone. Forks run with {@code --add-modules=jdk.incubator.vector} so message checksums
 * use the vectorised XXH3 as the server does ({@code -Dwhippet.xxh3=library} in the fork
 * arguments measures the scalar one).
 */
@NullMarked
package io.whippet.jmh.storage;

import org.jspecify.annotations.NullMarked;
