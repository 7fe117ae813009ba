package io.whippet.server.command;

import io.whippet.protocol.ErrorCode;
import io.whippet.protocol.WhippetException;
import io.whippet.protocol.command.GetClient;
import io.whippet.protocol.command.GetSnapshot;
import io.whippet.protocol.response.ClientDetails;
import io.whippet.protocol.response.ClientGroup;
import io.whippet.protocol.response.ClientInfo;
import io.whippet.protocol.response.ClusterMetadata;
import io.whippet.protocol.response.ClusterNode;
import io.whippet.protocol.response.Responses;
import io.whippet.protocol.response.Stats;
import io.whippet.protocol.response.Transport;
import io.whippet.server.metadata.ConsumerGroupMembers;
import io.whippet.server.metadata.MetadataView;
import io.whippet.server.metadata.User;
import io.whippet.server.partition.Partition;
import io.whippet.server.partition.TopicData;
import java.io.File;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** Ping, stats, clients, snapshot and cluster metadata. */
final class SystemCommands {
    /** The Iggy server version whose protocol we speak; SDKs may compare it. */
    static final String SERVER_VERSION = "0.8.0";

    static final long SERVER_SEMVER = 8_000;

    private final CommandContext context;

    SystemCommands(CommandContext context) {
        this.context = context;
    }

    Reply stats(User user) {
        context.permissioner().getStats(user);
        MetadataView view = context.metadata().view();
        long messages = 0;
        long sizeBytes = 0;
        long segments = 0;
        for (TopicData topic : context.dataPlane().topics()) {
            for (Partition partition : topic.partitions()) {
                messages += partition.log().messagesCount();
                sizeBytes += partition.log().sizeBytes();
                segments += partition.log().segmentsCount();
            }
        }
        Runtime runtime = Runtime.getRuntime();
        var os = ManagementFactory.getOperatingSystemMXBean();
        float processCpu = 0;
        float systemCpu = 0;
        long totalMemory = runtime.maxMemory();
        long freeMemory = runtime.freeMemory();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            processCpu = (float) Math.max(0, sun.getProcessCpuLoad() * 100);
            systemCpu = (float) Math.max(0, sun.getCpuLoad() * 100);
            totalMemory = sun.getTotalMemorySize();
            freeMemory = sun.getFreeMemorySize();
        }
        File dataDirectory = context.config().system().path().toFile();
        ProcessUsage usage = ProcessUsage.read();
        long now = context.nowMicros();
        Stats stats = new Stats(
                ProcessHandle.current().pid(),
                processCpu,
                systemCpu,
                usage.residentBytes(),
                totalMemory,
                freeMemory,
                now - context.startTimeMicros(),
                context.startTimeMicros(),
                usage.readBytes(),
                usage.writtenBytes(),
                sizeBytes,
                view.streams().size(),
                view.topicsCount(),
                view.partitionsCount(),
                segments,
                messages,
                context.clients().size(),
                view.consumerGroupsCount(),
                hostname(),
                System.getProperty("os.name", "unknown"),
                System.getProperty("os.version", "unknown"),
                System.getProperty("os.version", "unknown"),
                SERVER_VERSION,
                SERVER_SEMVER,
                List.of(),
                usage.threadsCount(),
                dataDirectory.getUsableSpace(),
                dataDirectory.getTotalSpace());
        return Reply.ok(Responses.encodePayload(stats));
    }

    Reply me(Session session) {
        return Reply.ok(Responses.encodePayload(clientDetails(session)));
    }

    Reply client(User user, GetClient command) {
        context.permissioner().getClient(user);
        if (command.clientId() == 0) {
            throw new WhippetException(ErrorCode.INVALID_CLIENT_ID, "client id: 0 (expected: > 0)");
        }
        return context.clients()
                .session(command.clientId())
                .map(session -> Reply.ok(Responses.encodePayload(clientDetails(session))))
                .orElse(Reply.EMPTY);
    }

    Reply clients(User user) {
        context.permissioner().getClients(user);
        List<ClientInfo> clients = new ArrayList<>();
        for (Session session : context.clients().sessions()) {
            clients.add(clientInfo(
                    session, context.members().groupsOf(session.clientId()).size()));
        }
        clients.sort(java.util.Comparator.comparingLong(ClientInfo::clientId));
        return Reply.ok(Responses.encodeListPayload(clients));
    }

    Reply clusterMetadata(User user) {
        context.permissioner().getClusterMetadata(user);
        var tcp = context.config().tcp().address();
        ClusterNode node = new ClusterNode(
                "iggy-node",
                tcp.host(),
                tcp.port(),
                context.config().quic().address().port(),
                context.config().http().address().port(),
                0,
                ClusterNode.Role.LEADER,
                ClusterNode.Status.HEALTHY);
        return Reply.ok(Responses.encodePayload(new ClusterMetadata("single-node", List.of(node))));
    }

    Reply snapshot(User user, GetSnapshot command) {
        context.permissioner().getSnapshot(user);
        return Reply.ok(ByteBuffer.wrap(Snapshots.build(context, command)));
    }

    private ClientDetails clientDetails(Session session) {
        List<ClientGroup> groups = new ArrayList<>();
        for (ConsumerGroupMembers.GroupKey key : context.members().groupsOf(session.clientId())) {
            groups.add(new ClientGroup(key.streamId(), key.topicId(), key.groupId()));
        }
        return new ClientDetails(clientInfo(session, groups.size()), groups);
    }

    private static ClientInfo clientInfo(Session session, int groupsCount) {
        Transport transport = switch (session.transport()) {
            case TCP -> Transport.TCP;
            case QUIC -> Transport.QUIC;
            case HTTP -> Transport.HTTP;
        };
        return new ClientInfo(session.clientId(), session.userId(), transport, session.address(), groupsCount);
    }

    private static String hostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
