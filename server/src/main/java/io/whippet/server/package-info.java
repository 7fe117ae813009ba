@NullMarked
package io.whippet.server;

import org.jspecify.annotations.NullMarked;
