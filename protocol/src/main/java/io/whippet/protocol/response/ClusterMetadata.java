package io.whippet.protocol.response;

import io.whippet.protocol.Wire;
import io.whippet.protocol.WireStrings;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * GetClusterMetadata reply. A single node answers with cluster {@code single-node} and one
 * leader node {@code iggy-node}.
 *
 * <pre>[cluster_name:str32][nodes_count:u32][ClusterNode × nodes_count]</pre>
 */
public record ClusterMetadata(String name, List<ClusterNode> nodes) implements Response {
    public ClusterMetadata {
        nodes = List.copyOf(nodes);
    }

    public static ClusterMetadata decode(ByteBuffer in) {
        String name = WireStrings.str32(in, "cluster name");
        long count = Wire.u32(in, "nodes count");
        // every node takes at least 18 bytes: bound the count before allocating
        Wire.require(in, count * 18, "nodes");
        List<ClusterNode> nodes = new ArrayList<>((int) count);
        for (int i = 0; i < count; i++) {
            nodes.add(ClusterNode.decode(in));
        }
        return new ClusterMetadata(name, nodes);
    }

    @Override
    public int encodedSize() {
        return WireStrings.str32Size(name) + 4 + Responses.encodedSize(nodes);
    }

    @Override
    public void encode(ByteBuffer out) {
        WireStrings.putStr32(out, name);
        out.putInt(nodes.size());
        Responses.encodeList(nodes, out);
    }
}
