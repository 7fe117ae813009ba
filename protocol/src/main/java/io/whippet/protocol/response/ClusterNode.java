package io.whippet.protocol.response;

import io.whippet.protocol.Wire;
import io.whippet.protocol.WireStrings;
import java.nio.ByteBuffer;

/**
 * One node of ClusterMetadata.
 *
 * <pre>[name:str32][ip:str32][tcp_port:u16][quic_port:u16][http_port:u16][websocket_port:u16][role:u8][status:u8]</pre>
 */
public record ClusterNode(
        String name,
        String ip,
        int tcpPort,
        int quicPort,
        int httpPort,
        int websocketPort,
        ClusterNode.Role role,
        ClusterNode.Status status)
        implements Response {
    /** Wire: 0 leader, 1 follower. */
    public enum Role {
        LEADER,
        FOLLOWER;

        public int code() {
            return ordinal();
        }

        public static Role fromCode(int code) {
            return Responses.byOrdinal(values(), code, "node role");
        }
    }

    /** Wire: 0 healthy, 1 starting, 2 stopping, 3 unreachable, 4 maintenance, 5 unknown. */
    public enum Status {
        HEALTHY,
        STARTING,
        STOPPING,
        UNREACHABLE,
        MAINTENANCE,
        UNKNOWN;

        public int code() {
            return ordinal();
        }

        public static Status fromCode(int code) {
            return Responses.byOrdinal(values(), code, "node status");
        }
    }

    public static ClusterNode decode(ByteBuffer in) {
        return new ClusterNode(
                WireStrings.str32(in, "name"),
                WireStrings.str32(in, "ip"),
                Wire.u16(in, "tcp port"),
                Wire.u16(in, "quic port"),
                Wire.u16(in, "http port"),
                Wire.u16(in, "websocket port"),
                ClusterNode.Role.fromCode(Wire.u8(in, "role")),
                ClusterNode.Status.fromCode(Wire.u8(in, "status")));
    }

    @Override
    public int encodedSize() {
        return WireStrings.str32Size(name) + WireStrings.str32Size(ip) + 2 + 2 + 2 + 2 + 1 + 1;
    }

    @Override
    public void encode(ByteBuffer out) {
        WireStrings.putStr32(out, name);
        WireStrings.putStr32(out, ip);
        out.putShort((short) tcpPort);
        out.putShort((short) quicPort);
        out.putShort((short) httpPort);
        out.putShort((short) websocketPort);
        out.put((byte) role.code());
        out.put((byte) status.code());
    }
}
