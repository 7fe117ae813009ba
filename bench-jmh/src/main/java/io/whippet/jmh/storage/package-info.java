/** JMH benchmarks of the partition log: append, read, group commit, recovery. */
@NullMarked
package io.whippet.jmh.storage;

import org.jspecify.annotations.NullMarked;
