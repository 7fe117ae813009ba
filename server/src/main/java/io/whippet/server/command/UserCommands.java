package io.whippet.server.command;

import io.whippet.protocol.command.ChangePassword;
import io.whippet.protocol.command.CreatePersonalAccessToken;
import io.whippet.protocol.command.CreateUser;
import io.whippet.protocol.command.DeletePersonalAccessToken;
import io.whippet.protocol.command.DeleteUser;
import io.whippet.protocol.command.GetUser;
import io.whippet.protocol.command.LoginUser;
import io.whippet.protocol.command.LoginWithPersonalAccessToken;
import io.whippet.protocol.command.UpdatePermissions;
import io.whippet.protocol.command.UpdateUser;
import io.whippet.protocol.response.Identity;
import io.whippet.protocol.response.PersonalAccessTokenInfo;
import io.whippet.protocol.response.RawPersonalAccessToken;
import io.whippet.protocol.response.Responses;
import io.whippet.protocol.response.UserInfo;
import io.whippet.server.metadata.PersonalAccessToken;
import io.whippet.server.metadata.User;
import java.util.ArrayList;
import java.util.List;

/** Login, logout, user administration and personal access tokens. */
final class UserCommands {
    private final CommandContext context;

    UserCommands(CommandContext context) {
        this.context = context;
    }

    Reply login(Session session, LoginUser command) {
        User user = context.accounts().login(command.username(), command.password());
        session.login(user.id());
        return Reply.ok(Responses.encodePayload(new Identity(user.id())));
    }

    Reply loginWithToken(Session session, LoginWithPersonalAccessToken command) {
        User user = context.tokens().login(command.token());
        session.login(user.id());
        return Reply.ok(Responses.encodePayload(new Identity(user.id())));
    }

    Reply logout(Session session) {
        session.logout();
        return Reply.EMPTY;
    }

    Reply user(User caller, GetUser command) {
        context.permissioner().getUser(caller);
        return context.metadata()
                .user(command.userId())
                .map(user -> Reply.ok(Responses.encodePayload(Views.userDetails(user))))
                .orElse(Reply.EMPTY);
    }

    Reply users(User caller) {
        context.permissioner().getUsers(caller);
        List<UserInfo> users = new ArrayList<>();
        for (User user : context.metadata().users()) {
            users.add(Views.user(user));
        }
        return Reply.ok(Responses.encodeListPayload(users));
    }

    Reply create(User caller, CreateUser command) {
        context.permissioner().createUser(caller);
        User created = context.accounts()
                .createUser(command.username(), command.password(), command.status(), command.permissions());
        return Reply.ok(Responses.encodePayload(Views.userDetails(created)));
    }

    Reply delete(User caller, DeleteUser command) {
        context.permissioner().deleteUser(caller);
        User deleted = context.metadata().deleteUser(command.userId());
        // Sessions of the deleted user lose their login at once.
        for (Session session : context.clients().sessions()) {
            if (session.userId() == deleted.id()) {
                session.logout();
            }
        }
        return Reply.EMPTY;
    }

    Reply update(User caller, UpdateUser command) {
        context.permissioner().updateUser(caller);
        context.metadata().updateUser(command.userId(), command.username(), command.status());
        return Reply.EMPTY;
    }

    Reply updatePermissions(User caller, UpdatePermissions command) {
        context.permissioner().updatePermissions(caller);
        context.metadata().updatePermissions(command.userId(), command.permissions());
        return Reply.EMPTY;
    }

    Reply changePassword(User caller, ChangePassword command) {
        User target = context.metadata().view().requireUser(command.userId());
        context.permissioner().changePassword(caller, target.id());
        context.accounts().changePassword(command.userId(), command.currentPassword(), command.newPassword());
        return Reply.EMPTY;
    }

    Reply tokens(User caller) {
        List<PersonalAccessTokenInfo> tokens = new ArrayList<>();
        for (PersonalAccessToken token : context.tokens().list(caller.id())) {
            tokens.add(new PersonalAccessTokenInfo(token.name(), token.expiryAtMicros()));
        }
        return Reply.ok(Responses.encodeListPayload(tokens));
    }

    Reply createToken(User caller, CreatePersonalAccessToken command) {
        String token = context.tokens().create(caller.id(), command.name(), command.expiryMicros());
        return Reply.ok(Responses.encodePayload(new RawPersonalAccessToken(token)));
    }

    Reply deleteToken(User caller, DeletePersonalAccessToken command) {
        context.tokens().delete(caller.id(), command.name());
        return Reply.EMPTY;
    }
}
