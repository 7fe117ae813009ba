/** The {@code postgres} sink: inserts consumed messages into a table, one row per message. */
@NullMarked
package io.whippet.connectors.postgres;

import org.jspecify.annotations.NullMarked;
