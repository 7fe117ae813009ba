package io.whippet.protocol;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Frame layouts of the TCP (and QUIC) transport.
 *
 * <pre>
 * request:  [length:u32 = 4 + payload size][command code:u32][payload]
 * response: [status:u32, 0 = OK][length:u32 = payload size][payload, only when OK]
 * </pre>
 *
 * A request {@code length} below 4 is error 3; control payloads (everything but SendMessages)
 * above {@link #MAX_CONTROL_PAYLOAD_BYTES} are error 3 too. Errors never carry a payload.
 */
public final class Frames {
    public static final int REQUEST_HEADER_BYTES = 8;
    public static final int RESPONSE_HEADER_BYTES = 8;
    /** The part of a request's {@code length} that is not payload: the command code. */
    public static final int REQUEST_LENGTH_OVERHEAD_BYTES = 4;
    /** 10 MiB: the largest payload of any command other than SendMessages. */
    public static final int MAX_CONTROL_PAYLOAD_BYTES = 10 * 1024 * 1024;

    private Frames() {}

    /** Writes {@code [4 + payloadBytes][code]}. */
    public static void encodeRequestHeader(ByteBuffer out, CommandCode code, int payloadBytes) {
        out.putInt(REQUEST_LENGTH_OVERHEAD_BYTES + payloadBytes).putInt(code.code());
    }

    /** Writes an OK header {@code [0][payloadBytes]}. */
    public static void encodeOkHeader(ByteBuffer out, int payloadBytes) {
        out.putInt(0).putInt(payloadBytes);
    }

    /** Writes an error header {@code [code][0]}. */
    public static void encodeErrorHeader(ByteBuffer out, ErrorCode error) {
        out.putInt(error.code()).putInt(0);
    }

    /** A ready-to-send 8-byte error response. */
    public static ByteBuffer errorResponse(ErrorCode error) {
        ByteBuffer out = ByteBuffer.allocate(RESPONSE_HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        encodeErrorHeader(out, error);
        return out.flip();
    }

    /**
     * The payload size of a request whose header says {@code length}; error 3 when {@code length}
     * is below 4 or, for a control command, the payload exceeds 10 MiB.
     */
    public static int requestPayloadBytes(long length, boolean sendMessages) {
        if (length < REQUEST_LENGTH_OVERHEAD_BYTES || length > 0xFFFF_FFFFL) {
            throw new WhippetException(ErrorCode.INVALID_COMMAND, "frame length: " + length + " (expected: >= 4)");
        }
        long payload = length - REQUEST_LENGTH_OVERHEAD_BYTES;
        if (!sendMessages && payload > MAX_CONTROL_PAYLOAD_BYTES) {
            throw new WhippetException(
                    ErrorCode.INVALID_COMMAND,
                    "payload length: " + payload + " (expected: <= " + MAX_CONTROL_PAYLOAD_BYTES + ")");
        }
        if (payload > Integer.MAX_VALUE - REQUEST_HEADER_BYTES) {
            throw new WhippetException(
                    ErrorCode.INVALID_COMMAND, "payload length: " + payload + " (expected: < 2 GiB)");
        }
        return (int) payload;
    }
}
