package io.whippet.protocol.command;

import io.whippet.protocol.CommandCode;
import java.nio.ByteBuffer;

/**
 * GetClusterMetadata (12): cluster name and nodes; Rust SDKs send it right after login.
 *
 * <pre>(empty payload)</pre>
 */
public record GetClusterMetadata() implements Command {
    public static GetClusterMetadata decode(ByteBuffer payload) {
        return new GetClusterMetadata();
    }

    @Override
    public CommandCode code() {
        return CommandCode.GET_CLUSTER_METADATA;
    }

    @Override
    public int encodedSize() {
        return 0;
    }

    @Override
    public void encode(ByteBuffer out) {}
}
