package io.whippet.storage;

/** What an append assigned: the offsets of its first and last message and the batch's timestamp. */
public record AppendResult(long firstOffset, long lastOffset, long timestampMicros) {}
