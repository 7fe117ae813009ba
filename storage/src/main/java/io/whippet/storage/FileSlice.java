package io.whippet.storage;

import java.nio.channels.FileChannel;

/**
 * A byte range of a segment file holding whole messages in wire layout, ready for {@code
 * FileChannel.transferTo} or a Netty {@code FileRegion}. Valid until its {@link ReadResult} closes.
 */
public record FileSlice(FileChannel channel, long position, int sizeBytes) {}
