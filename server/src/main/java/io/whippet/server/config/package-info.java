/** Server configuration: embedded defaults, a TOML file, and {@code IGGY_*} environment overrides. */
@NullMarked
package io.whippet.server.config;

import org.jspecify.annotations.NullMarked;
