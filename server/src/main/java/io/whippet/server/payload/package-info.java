/**
 * What the server does to message payloads between the wire and the segment files: AES-256-GCM
 * encryption at rest ({@code [system.encryption]}) and per-topic compression, applied to a whole
 * batch before it is appended and undone on poll. Topics with neither keep the zero-copy path.
 */
@NullMarked
package io.whippet.server.payload;

import org.jspecify.annotations.NullMarked;
