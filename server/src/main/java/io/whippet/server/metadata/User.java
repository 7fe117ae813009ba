package io.whippet.server.metadata;

import io.whippet.protocol.Permissions;
import io.whippet.protocol.UserStatus;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A user: 0-based id (0 is root), unique username, Argon2id password hash in PHC form, status and
 * permissions. A user may have no permissions block at all, which differs on the wire from a block
 * with every flag off (GetUser answers four zero bytes instead of a block), so the absence is kept.
 *
 * <p>Immutable. A class rather than a record so that "no permissions" stays out of the public API
 * as a null: {@link #permissions()} answers an {@code Optional}.
 */
public final class User {
    /** The root user's id: created on first boot, cannot be deleted, may do everything. */
    public static final long ROOT_ID = 0;

    private final long id;
    private final String username;
    private final String passwordHash;
    private final UserStatus status;
    private final @Nullable Permissions permissions;
    private final long createdAtMicros;

    public User(
            long id,
            String username,
            String passwordHash,
            UserStatus status,
            @Nullable Permissions permissions,
            long createdAtMicros) {
        this.id = id;
        this.username = username;
        this.passwordHash = passwordHash;
        this.status = status;
        this.permissions = permissions;
        this.createdAtMicros = createdAtMicros;
    }

    public long id() {
        return id;
    }

    public String username() {
        return username;
    }

    /** The Argon2id hash in PHC string form; never the password itself. */
    public String passwordHash() {
        return passwordHash;
    }

    public UserStatus status() {
        return status;
    }

    public boolean isActive() {
        return status == UserStatus.ACTIVE;
    }

    public boolean isRoot() {
        return id == ROOT_ID;
    }

    public Optional<Permissions> permissions() {
        return Optional.ofNullable(permissions);
    }

    @Nullable
    Permissions permissionsOrNull() {
        return permissions;
    }

    public long createdAtMicros() {
        return createdAtMicros;
    }

    User withUsername(String newUsername) {
        return new User(id, newUsername, passwordHash, status, permissions, createdAtMicros);
    }

    User withStatus(UserStatus newStatus) {
        return new User(id, username, passwordHash, newStatus, permissions, createdAtMicros);
    }

    User withPermissions(@Nullable Permissions newPermissions) {
        return new User(id, username, passwordHash, status, newPermissions, createdAtMicros);
    }

    User withPasswordHash(String newPasswordHash) {
        return new User(id, username, newPasswordHash, status, permissions, createdAtMicros);
    }

    @Override
    public boolean equals(@Nullable Object other) {
        return other instanceof User that
                && id == that.id
                && createdAtMicros == that.createdAtMicros
                && username.equals(that.username)
                && passwordHash.equals(that.passwordHash)
                && status == that.status
                && Objects.equals(permissions, that.permissions);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, username, passwordHash, status, permissions, createdAtMicros);
    }

    /** Leaves out the password hash. */
    @Override
    public String toString() {
        return "User[id=" + id + ", username=" + username + ", status=" + status + ", permissions="
                + (permissions == null ? "none" : "set") + ", createdAtMicros=" + createdAtMicros + "]";
    }
}
