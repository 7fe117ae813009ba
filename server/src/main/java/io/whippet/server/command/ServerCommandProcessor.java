package io.whippet.server.command;

import io.whippet.protocol.CommandCode;
import io.whippet.protocol.ErrorCode;
import io.whippet.protocol.WhippetException;
import io.whippet.protocol.command.ChangePassword;
import io.whippet.protocol.command.Command;
import io.whippet.protocol.command.Commands;
import io.whippet.protocol.command.CreateConsumerGroup;
import io.whippet.protocol.command.CreatePartitions;
import io.whippet.protocol.command.CreatePersonalAccessToken;
import io.whippet.protocol.command.CreateStream;
import io.whippet.protocol.command.CreateTopic;
import io.whippet.protocol.command.CreateUser;
import io.whippet.protocol.command.DeleteConsumerGroup;
import io.whippet.protocol.command.DeleteConsumerOffset;
import io.whippet.protocol.command.DeletePartitions;
import io.whippet.protocol.command.DeletePersonalAccessToken;
import io.whippet.protocol.command.DeleteSegments;
import io.whippet.protocol.command.DeleteStream;
import io.whippet.protocol.command.DeleteTopic;
import io.whippet.protocol.command.DeleteUser;
import io.whippet.protocol.command.FlushUnsavedBuffer;
import io.whippet.protocol.command.GetClient;
import io.whippet.protocol.command.GetClients;
import io.whippet.protocol.command.GetClusterMetadata;
import io.whippet.protocol.command.GetConsumerGroup;
import io.whippet.protocol.command.GetConsumerGroups;
import io.whippet.protocol.command.GetConsumerOffset;
import io.whippet.protocol.command.GetMe;
import io.whippet.protocol.command.GetPersonalAccessTokens;
import io.whippet.protocol.command.GetSnapshot;
import io.whippet.protocol.command.GetStats;
import io.whippet.protocol.command.GetStream;
import io.whippet.protocol.command.GetStreams;
import io.whippet.protocol.command.GetTopic;
import io.whippet.protocol.command.GetTopics;
import io.whippet.protocol.command.GetUser;
import io.whippet.protocol.command.GetUsers;
import io.whippet.protocol.command.JoinConsumerGroup;
import io.whippet.protocol.command.LeaveConsumerGroup;
import io.whippet.protocol.command.LoginUser;
import io.whippet.protocol.command.LoginWithPersonalAccessToken;
import io.whippet.protocol.command.LogoutUser;
import io.whippet.protocol.command.Ping;
import io.whippet.protocol.command.PollMessages;
import io.whippet.protocol.command.PurgeStream;
import io.whippet.protocol.command.PurgeTopic;
import io.whippet.protocol.command.SendMessages;
import io.whippet.protocol.command.StoreConsumerOffset;
import io.whippet.protocol.command.UpdatePermissions;
import io.whippet.protocol.command.UpdateStream;
import io.whippet.protocol.command.UpdateTopic;
import io.whippet.protocol.command.UpdateUser;
import io.whippet.server.metadata.User;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Optional;

/**
 * The one place a request becomes an action: decode, check the session is logged in (all but
 * ping and the two logins need it), dispatch to the resource's handler, and turn any
 * {@link WhippetException} into an error reply. Shared by every transport.
 */
public final class ServerCommandProcessor implements CommandProcessor {
    private static final System.Logger LOG = System.getLogger(ServerCommandProcessor.class.getName());

    private final CommandContext context;
    private final SystemCommands system;
    private final UserCommands users;
    private final StreamCommands streams;
    private final TopicCommands topics;
    private final GroupCommands groups;
    private final MessageCommands messages;
    /**
     * Without enforce_fsync and encryption a send is a checksum and a write to the page cache: an
     * acknowledgement never waits for the flusher, so it can run on the I/O thread.
     */
    private final boolean quickSends;
    /**
     * Without checksum validation on read and encryption, a poll without auto-commit is an index
     * lookup: its messages go from the page cache to the socket after it returns.
     */
    private final boolean quickPolls;

    public ServerCommandProcessor(CommandContext context) {
        this.context = context;
        this.system = new SystemCommands(context);
        this.users = new UserCommands(context);
        this.streams = new StreamCommands(context);
        this.topics = new TopicCommands(context);
        this.groups = new GroupCommands(context);
        this.messages = new MessageCommands(context);
        var config = context.config().system();
        this.quickSends = !config.enforceFsync() && !config.encryption().enabled();
        this.quickPolls = !config.validateChecksum() && !config.encryption().enabled();
    }

    @Override
    public boolean quickOnIoThread(int code, ByteBuffer payload) {
        if (code == CommandCode.SEND_MESSAGES.code()) {
            return quickSends;
        }
        if (code != CommandCode.POLL_MESSAGES.code() || !quickPolls) {
            return false;
        }
        try {
            return messages.pollIsQuick(PollMessages.decode(payload.duplicate().order(ByteOrder.LITTLE_ENDIAN)));
        } catch (RuntimeException malformed) {
            return true; // answered with an error at once
        }
    }

    /** Sessions connected over TCP and QUIC (HTTP has none), for the metrics endpoint. */
    public int connectedClients() {
        return context.clients().size();
    }

    @Override
    public void connected(Session session) {
        context.clients().add(session);
    }

    @Override
    public void disconnected(Session session) {
        context.clients().remove(session);
        context.members().removeClient(session.clientId());
    }

    @Override
    public Reply process(Session session, int code, ByteBuffer payload) {
        long now = context.nowMicros();
        session.touch(now);
        context.members().touch(session.clientId(), now);
        Optional<CommandCode> command = CommandCode.fromCode(code);
        if (command.isEmpty()) {
            return Reply.error(ErrorCode.INVALID_COMMAND, "unknown command code: " + code);
        }
        if (!session.authenticated() && !command.get().allowedBeforeLogin()) {
            return Reply.error(ErrorCode.UNAUTHENTICATED, "log in first");
        }
        try {
            return dispatch(session, Commands.decode(command.get(), payload));
        } catch (WhippetException e) {
            LOG.log(
                    System.Logger.Level.DEBUG,
                    "{0}: {1} failed: {2} {3}",
                    session,
                    command.get(),
                    e.errorCode(),
                    e.getMessage());
            return Reply.error(e.errorCode(), String.valueOf(e.getMessage()));
        }
    }

    /** Runs a decoded command; used by transports that decode themselves (HTTP). */
    public Reply execute(Session session, Command command) {
        if (!session.authenticated() && !command.code().allowedBeforeLogin()) {
            return Reply.error(ErrorCode.UNAUTHENTICATED, "log in first");
        }
        try {
            return dispatch(session, command);
        } catch (WhippetException e) {
            return Reply.error(e.errorCode(), String.valueOf(e.getMessage()));
        }
    }

    private Reply dispatch(Session session, Command command) {
        return switch (command) {
            case Ping ping -> Reply.EMPTY;
            case LoginUser login -> users.login(session, login);
            case LoginWithPersonalAccessToken login -> users.loginWithToken(session, login);
            default -> dispatchAuthenticated(session, user(session), command);
        };
    }

    private Reply dispatchAuthenticated(Session session, User user, Command command) {
        return switch (command) {
            case Ping _, LoginUser _, LoginWithPersonalAccessToken _ ->
                throw new IllegalStateException("pre-login commands are dispatched before the user lookup");
            case LogoutUser logout -> users.logout(session);
            case GetStats stats -> system.stats(user);
            case GetMe me -> system.me(session);
            case GetClient client -> system.client(user, client);
            case GetClients clients -> system.clients(user);
            case GetSnapshot snapshot -> system.snapshot(user, snapshot);
            case GetClusterMetadata metadata -> system.clusterMetadata(user);
            case GetUser get -> users.user(user, get);
            case GetUsers list -> users.users(user);
            case CreateUser create -> users.create(user, create);
            case DeleteUser delete -> users.delete(user, delete);
            case UpdateUser update -> users.update(user, update);
            case UpdatePermissions update -> users.updatePermissions(user, update);
            case ChangePassword change -> users.changePassword(user, change);
            case GetPersonalAccessTokens list -> users.tokens(user);
            case CreatePersonalAccessToken create -> users.createToken(user, create);
            case DeletePersonalAccessToken delete -> users.deleteToken(user, delete);
            case GetStream get -> streams.stream(user, get);
            case GetStreams list -> streams.streams(user);
            case CreateStream create -> streams.create(user, create);
            case UpdateStream update -> streams.update(user, update);
            case DeleteStream delete -> streams.delete(user, delete);
            case PurgeStream purge -> streams.purge(user, purge);
            case GetTopic get -> topics.topic(user, get);
            case GetTopics list -> topics.topics(user, list);
            case CreateTopic create -> topics.create(user, create);
            case UpdateTopic update -> topics.update(user, update);
            case DeleteTopic delete -> topics.delete(user, delete);
            case PurgeTopic purge -> topics.purge(user, purge);
            case CreatePartitions create -> topics.createPartitions(user, create);
            case DeletePartitions delete -> topics.deletePartitions(user, delete);
            case DeleteSegments delete -> topics.deleteSegments(user, delete);
            case GetConsumerGroup get -> groups.group(user, get);
            case GetConsumerGroups list -> groups.groups(user, list);
            case CreateConsumerGroup create -> groups.create(user, create);
            case DeleteConsumerGroup delete -> groups.delete(user, delete);
            case JoinConsumerGroup join -> groups.join(session, user, join);
            case LeaveConsumerGroup leave -> groups.leave(session, user, leave);
            case SendMessages send -> messages.send(user, send);
            case PollMessages poll -> messages.poll(session, user, poll);
            case FlushUnsavedBuffer flush -> messages.flush(user, flush);
            case GetConsumerOffset get -> messages.offset(session, user, get);
            case StoreConsumerOffset store -> messages.storeOffset(session, user, store);
            case DeleteConsumerOffset delete -> messages.deleteOffset(session, user, delete);
        };
    }

    /** The session's user; a user deleted or deactivated since login loses the session. */
    private User user(Session session) {
        Optional<User> user = context.metadata().view().userById(session.userId());
        if (user.isEmpty() || !user.get().isActive()) {
            session.logout();
            throw new WhippetException(ErrorCode.UNAUTHENTICATED, "the logged-in user no longer exists or is inactive");
        }
        return user.get();
    }
}
