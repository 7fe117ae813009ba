@NullMarked
package io.whippet.client.consumer;

import org.jspecify.annotations.NullMarked;
