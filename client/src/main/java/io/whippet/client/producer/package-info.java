@NullMarked
package io.whippet.client.producer;

import org.jspecify.annotations.NullMarked;
