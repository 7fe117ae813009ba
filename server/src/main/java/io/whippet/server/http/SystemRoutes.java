package io.whippet.server.http;

import io.vertx.core.http.HttpMethod;
import io.whippet.protocol.ErrorCode;
import io.whippet.protocol.WhippetException;
import io.whippet.protocol.command.GetClient;
import io.whippet.protocol.command.GetClients;
import io.whippet.protocol.command.GetClusterMetadata;
import io.whippet.protocol.command.GetSnapshot;
import io.whippet.protocol.command.GetStats;
import io.whippet.protocol.response.ClientDetails;
import io.whippet.protocol.response.ClientInfo;
import io.whippet.protocol.response.ClusterMetadata;
import io.whippet.protocol.response.Responses;
import io.whippet.protocol.response.Stats;
import java.nio.ByteBuffer;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** Ping, stats, clients, cluster metadata and snapshots (spec section 4.1). */
final class SystemRoutes {
    private static final DateTimeFormatter SNAPSHOT_TIME = DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss");

    void register(RouteTable routes) {
        routes.add(HttpMethod.GET, "/", RouteTable.Access.PUBLIC, call -> new HttpResult.Text(200, "Iggy API"));
        routes.add(HttpMethod.GET, "/ping", RouteTable.Access.PUBLIC, call -> new HttpResult.Text(200, "pong"));
        routes.add(
                HttpMethod.GET,
                "/stats",
                call -> HttpResult.json(
                        ResponseJson.render(Stats.decode(call.execute(new GetStats())), ResponseJson::stats)));
        routes.add(
                HttpMethod.GET,
                "/cluster/metadata",
                call -> HttpResult.json(ResponseJson.render(
                        ClusterMetadata.decode(call.execute(new GetClusterMetadata())),
                        ResponseJson::clusterMetadata)));
        routes.add(
                HttpMethod.GET,
                "/clients",
                call -> HttpResult.json(ResponseJson.renderList(
                        Responses.decodeList(call.execute(new GetClients()), ClientInfo::decode),
                        ResponseJson::client)));
        routes.add(HttpMethod.GET, "/clients/:client_id", call -> {
            ByteBuffer payload = call.execute(new GetClient(StreamRoutes.u32Path(call, "client_id")));
            return payload.hasRemaining()
                    ? HttpResult.json(ResponseJson.render(ClientDetails.decode(payload), ResponseJson::clientDetails))
                    : HttpResult.notFound();
        });
        routes.add(HttpMethod.POST, "/snapshot", SystemRoutes::snapshot);
    }

    private static HttpResult snapshot(HttpCall call) {
        RequestJson body = call.json();
        String compressionText = body.optionalString("compression");
        GetSnapshot.Compression compression = compressionText == null
                ? GetSnapshot.Compression.DEFLATED
                : body.enumValue("compression", GetSnapshot.Compression.class, compressionText);
        List<GetSnapshot.SnapshotType> types = new ArrayList<>();
        JsonNode typesNode = body.field("snapshot_types");
        if (typesNode == null) {
            types.add(GetSnapshot.SnapshotType.ALL);
        } else if (!typesNode.isArray()) {
            throw RequestJson.bad("snapshot_types: " + typesNode + " (expected: an array)");
        } else {
            for (JsonNode type : typesNode) {
                if (!type.isString()) {
                    throw RequestJson.bad("snapshot_types: " + type + " (expected: a type name)");
                }
                types.add(body.enumValue("snapshot_types", GetSnapshot.SnapshotType.class, type.stringValue()));
            }
        }
        if (types.contains(GetSnapshot.SnapshotType.ALL) && types.size() > 1) {
            throw new WhippetException(
                    ErrorCode.INVALID_COMMAND, "snapshot_types: All with others (expected: All alone)");
        }
        ByteBuffer zip = call.execute(new GetSnapshot(compression, types));
        byte[] bytes = new byte[zip.remaining()];
        zip.get(bytes);
        String fileName = "iggy_snapshot_" + LocalDateTime.now().format(SNAPSHOT_TIME) + ".zip";
        return new HttpResult.Download("application/zip", fileName, bytes);
    }
}
