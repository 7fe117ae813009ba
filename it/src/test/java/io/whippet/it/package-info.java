/**
 * End-to-end tests: a real Whippet server (in-process or as a child JVM) driven only through the
 * official Apache Iggy 0.8.0 Java SDK, the proof of wire compatibility.
 */
@NullMarked
package io.whippet.it;

import org.jspecify.annotations.NullMarked;
