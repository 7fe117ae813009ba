/** The {@code stdout} sink: prints each consumed message, for trying connectors out. */
@NullMarked
package io.whippet.connectors.stdout;

import org.jspecify.annotations.NullMarked;
