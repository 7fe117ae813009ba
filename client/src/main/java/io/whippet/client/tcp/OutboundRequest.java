package io.whippet.client.tcp;

import io.netty.buffer.ByteBuf;
import io.netty.util.ReferenceCounted;
import io.whippet.protocol.CommandCode;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * A framed request on its way out, with what to do with its reply. Until it is written the request
 * owns {@code frame}; {@link ClientChannelHandler} hands the frame on to the socket. It counts
 * references through its frame, so a request that Netty drops without reaching the handler (a
 * write to a channel already torn down) still frees its buffer.
 *
 * <p>{@code readOnly}: the command changes nothing on the server (a poll without auto-commit), so
 * an ordered transport may let it overlap other reads.
 */
public record OutboundRequest<T extends @Nullable Object>(
        CommandCode command, boolean readOnly, ByteBuf frame, ReplyDecoder<T> decoder, CompletableFuture<T> future)
        implements ReferenceCounted {
    @Override
    public int refCnt() {
        return frame.refCnt();
    }

    @Override
    public ReferenceCounted retain() {
        frame.retain();
        return this;
    }

    @Override
    public ReferenceCounted retain(int increment) {
        frame.retain(increment);
        return this;
    }

    @Override
    public ReferenceCounted touch() {
        frame.touch();
        return this;
    }

    @Override
    public ReferenceCounted touch(Object hint) {
        frame.touch(hint);
        return this;
    }

    @Override
    public boolean release() {
        return frame.release();
    }

    @Override
    public boolean release(int decrement) {
        return frame.release(decrement);
    }
}
