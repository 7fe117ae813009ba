/** The {@code random} source: generates JSON messages on a schedule, for trying connectors out and for tests. */
@NullMarked
package io.whippet.connectors.random;

import org.jspecify.annotations.NullMarked;
