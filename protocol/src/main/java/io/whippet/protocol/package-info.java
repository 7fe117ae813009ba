@NullMarked
package io.whippet.protocol;

import org.jspecify.annotations.NullMarked;
