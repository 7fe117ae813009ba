@NullMarked
package io.whippet.jmh;

import org.jspecify.annotations.NullMarked;
