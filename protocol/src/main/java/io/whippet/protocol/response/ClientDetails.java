package io.whippet.protocol.response;

import io.whippet.protocol.Wire;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * GetMe and GetClient reply: the client, then exactly {@code consumer_groups_count} joined groups.
 *
 * <pre>[ClientInfo][ClientGroup × client.consumer_groups_count]</pre>
 */
public record ClientDetails(ClientInfo client, List<ClientGroup> groups) implements Response {
    public ClientDetails {
        groups = List.copyOf(groups);
        if (groups.size() != client.consumerGroupsCount()) {
            throw new IllegalArgumentException("groups: " + groups.size() + " (expected: "
                    + client.consumerGroupsCount() + ", the client's consumer groups count)");
        }
    }

    public static ClientDetails decode(ByteBuffer in) {
        ClientInfo client = ClientInfo.decode(in);
        long count = client.consumerGroupsCount();
        Wire.require(in, count * ClientGroup.ENCODED_SIZE, "client groups");
        List<ClientGroup> groups = new ArrayList<>((int) count);
        for (int i = 0; i < count; i++) {
            groups.add(ClientGroup.decode(in));
        }
        return new ClientDetails(client, groups);
    }

    @Override
    public int encodedSize() {
        return client.encodedSize() + groups.size() * ClientGroup.ENCODED_SIZE;
    }

    @Override
    public void encode(ByteBuffer out) {
        client.encode(out);
        Responses.encodeList(groups, out);
    }
}
