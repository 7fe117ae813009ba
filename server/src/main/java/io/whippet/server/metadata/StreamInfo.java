package io.whippet.server.metadata;

/** A stream as the metadata model knows it: 0-based id, unique name, creation time. */
public record StreamInfo(long id, String name, long createdAtMicros) {}
