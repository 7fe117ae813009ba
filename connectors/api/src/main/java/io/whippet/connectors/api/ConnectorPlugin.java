package io.whippet.connectors.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The short name a connector config uses in {@code path} to pick this plugin (for example {@code
 * "http"}). The runtime reads it from the provider class without creating an instance; the fully
 * qualified class name works too.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface ConnectorPlugin {
    String value();
}
