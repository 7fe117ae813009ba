@NullMarked
package io.whippet.storage;

import org.jspecify.annotations.NullMarked;
