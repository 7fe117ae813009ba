package io.whippet.client.tcp;

import io.netty.buffer.ByteBuf;
import io.whippet.protocol.CommandCode;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * A framed request on its way out, with what to do with its reply. Until it is written the request
 * owns {@code frame}; the channel takes it over on write.
 */
record OutboundRequest<T extends @Nullable Object>(
        CommandCode command, ByteBuf frame, ReplyDecoder<T> decoder, CompletableFuture<T> future) {}
