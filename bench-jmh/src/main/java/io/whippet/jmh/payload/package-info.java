/** Microbenchmarks of the server's payload coding: compression and encryption of stored batches. */
@NullMarked
package io.whippet.jmh.payload;

import org.jspecify.annotations.NullMarked;
