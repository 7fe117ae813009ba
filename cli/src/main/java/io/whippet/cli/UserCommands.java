package io.whippet.cli;

import io.whippet.client.BlockingClient;
import io.whippet.protocol.Identifier;
import io.whippet.protocol.Permissions;
import io.whippet.protocol.UserStatus;
import io.whippet.protocol.command.CreateUser;
import io.whippet.protocol.command.UpdateUser;
import io.whippet.protocol.response.UserDetails;
import io.whippet.protocol.response.UserInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code whippet user}: create, delete, get, list, rename, activate or deactivate users, change
 * passwords and permissions. Permissions use Iggy's compact syntax ({@link PermissionSyntax}).
 */
@Command(
        name = "user",
        aliases = "u",
        description = "Manage users and their permissions.",
        mixinStandardHelpOptions = true,
        subcommands = {
            UserCommands.Create.class,
            UserCommands.Delete.class,
            UserCommands.Get.class,
            UserCommands.ListUsers.class,
            UserCommands.Name.class,
            UserCommands.Status.class,
            UserCommands.Password.class,
            UserCommands.PermissionsCommand.class
        })
final class UserCommands {
    private UserCommands() {}

    static Table table() {
        return Table.of("id", "created_at", "status", "username");
    }

    static void row(Table table, UserInfo user) {
        table.row(
                user.id(),
                new Cell.Micros(user.createdAtMicros()),
                user.status().name().toLowerCase(Locale.ROOT),
                user.username());
    }

    static UserStatus status(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "active" -> UserStatus.ACTIVE;
            case "inactive" -> UserStatus.INACTIVE;
            default -> throw new UsageException("user status: " + text + " (expected: active or inactive)");
        };
    }

    /** The {@code -g} and {@code -s} options shared by create and permissions. */
    static final class PermissionOptions {
        @Option(
                names = {"-g", "--global-permissions"},
                paramLabel = "PERMS",
                description = "global permissions, e.g. m_str,r_usr")
        List<String> global = new ArrayList<>();

        @Option(
                names = {"-s", "--stream-permissions"},
                paramLabel = "SPEC",
                description = "per stream: STREAM[#perms][#TOPIC:perms]..., e.g. 1#r_top#2:p_msg,s_msg")
        List<String> streams = new ArrayList<>();

        /** The permissions block, or null when neither option was given. */
        @Nullable
        Permissions permissions() {
            if (global.isEmpty() && streams.isEmpty()) {
                return null;
            }
            return PermissionSyntax.parse(global, streams);
        }
    }

    @Command(name = "create", aliases = "c", description = "Create a user.", mixinStandardHelpOptions = true)
    static final class Create extends ServerCommand {
        @Parameters(index = "0", paramLabel = "USERNAME", description = "user name")
        String username = "";

        @Parameters(
                index = "1",
                arity = "0..1",
                paramLabel = "PASSWORD",
                description = "password (prompted if left out)")
        @Nullable
        String password;

        @Option(
                names = {"-u", "--user-status"},
                paramLabel = "active|inactive",
                description = "initial status (default: active)")
        String status = "active";

        @Mixin
        PermissionOptions permissions = new PermissionOptions();

        @Override
        void run(BlockingClient client, Printer out) {
            Permissions granted = permissions.permissions();
            UserStatus userStatus = status(status);
            String secret =
                    password != null ? password : root().promptSecret("Password for new user " + username + ": ");
            UserDetails created = client.createUser(new CreateUser(username, secret, userStatus, granted));
            if (out.json()) {
                Table table = table();
                row(table, created.user());
                out.details(table);
            }
            out.info("User '" + created.user().username() + "' created with ID "
                    + created.user().id() + ".");
        }
    }

    @Command(name = "delete", aliases = "d", description = "Delete a user.", mixinStandardHelpOptions = true)
    static final class Delete extends ServerCommand {
        @Parameters(index = "0", paramLabel = "USER", description = "user id or name")
        Identifier user = Identifier.of(0);

        @Override
        void run(BlockingClient client, Printer out) {
            client.deleteUser(user);
            out.info("User " + user + " deleted.");
        }
    }

    @Command(
            name = "get",
            aliases = "g",
            description = "Show a user and its permissions.",
            mixinStandardHelpOptions = true)
    static final class Get extends ServerCommand {
        @Parameters(index = "0", paramLabel = "USER", description = "user id or name")
        Identifier user = Identifier.of(0);

        @Override
        void run(BlockingClient client, Printer out) {
            UserDetails details =
                    client.user(user).orElseThrow(() -> CommandFailure.notFound(Ids.describe("user", user)));
            Permissions permissions = details.permissions();
            Table table =
                    Table.of("id", "created_at", "status", "username", "global_permissions", "stream_permissions");
            table.row(
                    details.user().id(),
                    new Cell.Micros(details.user().createdAtMicros()),
                    details.user().status().name().toLowerCase(Locale.ROOT),
                    details.user().username(),
                    permissions == null ? "" : PermissionSyntax.formatGlobal(permissions.global()),
                    permissions == null ? "" : String.join(" ", PermissionSyntax.formatStreams(permissions)));
            if (out.json()) {
                var object = new java.util.LinkedHashMap<String, @Nullable Object>(
                        Printer.objects(table).getFirst());
                object.remove("global_permissions");
                object.remove("stream_permissions");
                object.put("permissions", permissions == null ? null : PermissionSyntax.json(permissions));
                out.json(object);
                return;
            }
            out.details(table);
        }
    }

    @Command(name = "list", aliases = "l", description = "List users.", mixinStandardHelpOptions = true)
    static final class ListUsers extends ServerCommand {
        @Mixin
        ListMode listMode = new ListMode();

        @Override
        void run(BlockingClient client, Printer out) {
            Table table = table();
            for (UserInfo user : client.users()) {
                row(table, user);
            }
            out.table(table, listMode.mode);
        }
    }

    @Command(name = "name", aliases = "n", description = "Rename a user.", mixinStandardHelpOptions = true)
    static final class Name extends ServerCommand {
        @Parameters(index = "0", paramLabel = "USER", description = "user id or name")
        Identifier user = Identifier.of(0);

        @Parameters(index = "1", paramLabel = "NEW_NAME", description = "new user name")
        String name = "";

        @Override
        void run(BlockingClient client, Printer out) {
            client.updateUser(new UpdateUser(user, name, null));
            out.info("User " + user + " renamed to '" + name + "'.");
        }
    }

    @Command(
            name = "status",
            aliases = "s",
            description = "Activate or deactivate a user.",
            mixinStandardHelpOptions = true)
    static final class Status extends ServerCommand {
        @Parameters(index = "0", paramLabel = "USER", description = "user id or name")
        Identifier user = Identifier.of(0);

        @Parameters(index = "1", paramLabel = "active|inactive", description = "new status")
        String status = "active";

        @Override
        void run(BlockingClient client, Printer out) {
            UserStatus userStatus = status(status);
            client.updateUser(new UpdateUser(user, null, userStatus));
            out.info("User " + user + " is now " + userStatus.name().toLowerCase(Locale.ROOT) + ".");
        }
    }

    @Command(
            name = "password",
            aliases = "pwd",
            description = "Change a user's password (prompts for what is left out).",
            mixinStandardHelpOptions = true)
    static final class Password extends ServerCommand {
        @Parameters(index = "0", paramLabel = "USER", description = "user id or name")
        Identifier user = Identifier.of(0);

        @Parameters(index = "1", arity = "0..1", paramLabel = "CURRENT", description = "current password")
        @Nullable
        String current;

        @Parameters(index = "2", arity = "0..1", paramLabel = "NEW", description = "new password")
        @Nullable
        String replacement;

        @Override
        void run(BlockingClient client, Printer out) {
            String currentPassword = current != null ? current : root().promptSecret("Current password: ");
            String newPassword = replacement != null ? replacement : root().promptSecret("New password: ");
            client.changePassword(user, currentPassword, newPassword);
            out.info("Password of user " + user + " changed.");
        }
    }

    @Command(
            name = "permissions",
            aliases = "p",
            description = "Replace a user's permissions (none given clears them).",
            mixinStandardHelpOptions = true)
    static final class PermissionsCommand extends ServerCommand {
        @Parameters(index = "0", paramLabel = "USER", description = "user id or name")
        Identifier user = Identifier.of(0);

        @Mixin
        PermissionOptions permissions = new PermissionOptions();

        @Override
        void run(BlockingClient client, Printer out) {
            client.updatePermissions(user, permissions.permissions());
            out.info("Permissions of user " + user + " updated.");
        }
    }
}
