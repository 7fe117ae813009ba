package io.whippet.server.command;

import io.whippet.protocol.Identifier;
import io.whippet.protocol.command.CreateStream;
import io.whippet.protocol.command.DeleteStream;
import io.whippet.protocol.command.GetStream;
import io.whippet.protocol.command.PurgeStream;
import io.whippet.protocol.command.UpdateStream;
import io.whippet.protocol.response.Responses;
import io.whippet.protocol.response.StreamInfo;
import io.whippet.server.metadata.MetadataView;
import io.whippet.server.metadata.User;
import java.util.ArrayList;
import java.util.List;

/** Streams: create, read, update, delete, purge. */
final class StreamCommands {
    private final CommandContext context;

    StreamCommands(CommandContext context) {
        this.context = context;
    }

    Reply stream(User user, GetStream command) {
        MetadataView view = context.metadata().view();
        var stream = view.stream(command.streamId());
        if (stream.isEmpty()) {
            return Reply.EMPTY;
        }
        context.permissioner().getStream(user, stream.get().id());
        return Reply.ok(Responses.encodePayload(Views.streamDetails(stream.get(), view, context.dataPlane())));
    }

    Reply streams(User user) {
        context.permissioner().getStreams(user);
        MetadataView view = context.metadata().view();
        List<StreamInfo> streams = new ArrayList<>();
        for (var stream : view.streams()) {
            streams.add(Views.stream(stream, view, context.dataPlane()));
        }
        return Reply.ok(Responses.encodeListPayload(streams));
    }

    Reply create(User user, CreateStream command) {
        context.permissioner().createStream(user);
        context.structureLock().lock();
        try {
            var stream = context.metadata().createStream(command.name());
            return Reply.ok(Responses.encodePayload(
                    Views.stream(stream, context.metadata().view(), context.dataPlane())));
        } finally {
            context.structureLock().unlock();
        }
    }

    Reply update(User user, UpdateStream command) {
        var stream = context.metadata().view().requireStream(command.streamId());
        context.permissioner().updateStream(user, stream.id());
        context.metadata().updateStream(command.streamId(), command.name());
        return Reply.EMPTY;
    }

    Reply delete(User user, DeleteStream command) {
        var stream = context.metadata().view().requireStream(command.streamId());
        context.permissioner().deleteStream(user, stream.id());
        context.structureLock().lock();
        try {
            var deleted = context.metadata().deleteStream(Identifier.of(stream.id()));
            context.members().removeStream(deleted.id());
            context.dataPlane().streamDeleted(deleted.id());
        } finally {
            context.structureLock().unlock();
        }
        return Reply.EMPTY;
    }

    Reply purge(User user, PurgeStream command) {
        var stream = context.metadata().view().requireStream(command.streamId());
        context.permissioner().purgeStream(user, stream.id());
        context.structureLock().lock();
        try {
            context.dataPlane().purgeStream(stream.id());
        } finally {
            context.structureLock().unlock();
        }
        return Reply.EMPTY;
    }
}
