package io.whippet.client.tcp;

import io.netty.buffer.ByteBuf;
import io.whippet.client.BorrowedMessages;
import io.whippet.protocol.response.PolledMessages;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Decodes a poll reply over the transport buffer itself and lends that buffer to the caller, who
 * releases it by closing the {@link BorrowedMessages}. Only the 16-byte reply header is parsed; the
 * message area stays where the socket read put it.
 */
final class LendingPollDecoder implements ReplyDecoder<BorrowedMessages> {
    static final LendingPollDecoder INSTANCE = new LendingPollDecoder();

    private LendingPollDecoder() {}

    /** Called by a transport that frees its buffer right after decoding: copy. */
    @Override
    public BorrowedMessages decode(ByteBuffer payload) {
        return BorrowedMessages.owned(copied(payload));
    }

    /** A reply whose message area outlives the transport buffer: copied once, whole. */
    static PolledMessages copied(ByteBuffer payload) {
        ByteBuffer copy = ByteBuffer.allocate(payload.remaining()).order(ByteOrder.LITTLE_ENDIAN);
        copy.put(payload).flip();
        return PolledMessages.decode(copy);
    }

    @Override
    public BorrowedMessages decodeOwned(ByteBuf payload) {
        try {
            PolledMessages reply = PolledMessages.decode(payload.nioBuffer().order(ByteOrder.LITTLE_ENDIAN));
            return BorrowedMessages.lent(reply, payload::release);
        } catch (RuntimeException e) {
            payload.release();
            throw e;
        }
    }

    @Override
    public void discard(BorrowedMessages value) {
        value.close();
    }
}
