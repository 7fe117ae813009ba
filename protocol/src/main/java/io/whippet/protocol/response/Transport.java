package io.whippet.protocol.response;

import io.whippet.protocol.ErrorCode;
import io.whippet.protocol.WhippetException;

/** How a client is connected, as reported in client info. Wire: 1 TCP, 2 QUIC, 3 HTTP, 4 WebSocket. */
public enum Transport {
    TCP(1),
    QUIC(2),
    HTTP(3),
    WEBSOCKET(4);

    private final int code;

    Transport(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static Transport fromCode(int code) {
        return switch (code) {
            case 1 -> TCP;
            case 2 -> QUIC;
            case 3 -> HTTP;
            case 4 -> WEBSOCKET;
            default ->
                throw new WhippetException(ErrorCode.INVALID_COMMAND, "transport: " + code + " (expected: 1..4)");
        };
    }
}
