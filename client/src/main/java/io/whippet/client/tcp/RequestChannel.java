package io.whippet.client.tcp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.whippet.client.Credentials;
import io.whippet.protocol.CommandCode;
import io.whippet.protocol.command.Command;
import io.whippet.protocol.command.PollMessages;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A transport that carries request frames to one server and completes each request with its
 * decoded reply: connecting (and logging in with the remembered credentials) on first use and
 * after a drop, failing requests with {@code ConnectionException} or {@code ServerErrorException}.
 * Implementations are thread-safe.
 */
public interface RequestChannel {
    /** Frames {@code command} and sends it; the future completes with the decoded reply. */
    default <T extends @Nullable Object> CompletableFuture<T> request(Command command, ReplyDecoder<T> decoder) {
        boolean readOnly = command instanceof PollMessages poll && !poll.autoCommit();
        return request(command.code(), readOnly, allocator -> RequestEncoder.encode(allocator, command), decoder);
    }

    /**
     * Sends the frame {@code encoder} lays out (whole, header included) in a buffer it allocates;
     * {@code readOnly} when the command changes nothing on the server.
     */
    <T extends @Nullable Object> CompletableFuture<T> request(
            CommandCode code, boolean readOnly, Function<ByteBufAllocator, ByteBuf> encoder, ReplyDecoder<T> decoder);

    /** Completes once connected and logged in (connecting now if needed). */
    CompletableFuture<Void> connect();

    /** Credentials to replay after the next reconnect (set by an explicit login or logout). */
    void rememberCredentials(Credentials credentials);

    /** Runs {@code listener} after each successful reconnect (not the first connect). */
    void onReconnected(Runnable listener);

    void close();
}
