package io.whippet.server.tcp;

import io.netty.channel.DefaultFileRegion;
import io.whippet.storage.FileSlice;

/**
 * A part of a segment file sent straight from the page cache to the socket (sendfile on epoll,
 * {@code FileChannel.transferTo} on NIO). Unlike its parent it never closes the file channel: the
 * segment belongs to storage, which keeps it open until the poll's {@code ReadResult} is closed.
 */
final class SegmentRegion extends DefaultFileRegion {
    SegmentRegion(FileSlice slice) {
        super(slice.channel(), slice.position(), slice.sizeBytes());
    }

    @Override
    protected void deallocate() {
        // The channel is storage's; the ReadResult that pins it is closed by the writer.
    }
}
