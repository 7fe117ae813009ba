package io.whippet.server.auth;

import io.whippet.protocol.ErrorCode;
import io.whippet.protocol.Identifier;
import io.whippet.protocol.Permissions;
import io.whippet.protocol.UserStatus;
import io.whippet.protocol.WhippetException;
import io.whippet.server.metadata.Metadata;
import io.whippet.server.metadata.User;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;

/**
 * The password side of users: login, creation and password changes, hashing with {@link
 * PasswordHasher} before anything reaches {@link Metadata} (whose log holds hashes only). Hashing
 * runs outside the metadata writer lock, so a slow Argon2id never holds up other changes.
 * Thread-safe.
 */
public final class UserAccounts {
    private final Metadata metadata;
    private final PasswordHasher hasher;
    /**
     * Verified against when the username is unknown, so both failures take the same time. Made on
     * first need rather than at start-up, which it would slow by a whole Argon2id run.
     */
    private @Nullable String decoyHash;

    /** Completes once the root user exists (see {@link #ensureRootUserInBackground}). */
    private volatile CompletableFuture<Boolean> rootReady = CompletableFuture.completedFuture(false);

    public UserAccounts(Metadata metadata, PasswordHasher hasher) {
        this.metadata = metadata;
        this.hasher = hasher;
    }

    private synchronized String decoyHash() {
        if (decoyHash == null) {
            decoyHash = hasher.hash("decoy password never matched");
        }
        return decoyHash;
    }

    /**
     * The user these credentials belong to. Username outside 3..50 bytes → 43, password outside
     * 3..100 → 44, unknown user or wrong password → 42, inactive user → 47.
     */
    public User login(String username, String password) {
        validateUsername(username);
        validatePassword(password);
        awaitRootUser();
        Optional<User> user = metadata.userByName(username);
        boolean matches = hasher.verify(password, user.isPresent() ? user.get().passwordHash() : decoyHash());
        if (user.isEmpty() || !matches) {
            throw new WhippetException(ErrorCode.INVALID_CREDENTIALS);
        }
        if (!user.get().isActive()) {
            throw new WhippetException(ErrorCode.USER_INACTIVE, "user: " + username + " (inactive)");
        }
        return user.get();
    }

    /** Creates the root user (id 0, every permission) unless it exists. */
    public boolean ensureRootUser(String username, String password) {
        validatePassword(password);
        return metadata.ensureRootUser(username, () -> hasher.hash(password));
    }

    /**
     * As {@link #ensureRootUser}, with the (slow) password hash on {@code executor}, so a first
     * start can serve while it runs; logins wait for it. Invalid credentials fail at once.
     */
    public CompletableFuture<Boolean> ensureRootUserInBackground(String username, String password, Executor executor) {
        validateUsername(username);
        validatePassword(password);
        if (metadata.userByName(username).isPresent()
                || metadata.user(io.whippet.protocol.Identifier.of(0)).isPresent()) {
            return CompletableFuture.completedFuture(false);
        }
        CompletableFuture<Boolean> ready =
                CompletableFuture.supplyAsync(() -> ensureRootUser(username, password), executor);
        rootReady = ready;
        return ready;
    }

    private void awaitRootUser() {
        try {
            rootReady.join();
        } catch (CompletionException e) {
            throw new WhippetException(ErrorCode.ERROR, "the root user could not be created: " + e.getCause());
        }
    }

    public User createUser(String username, String password, UserStatus status, @Nullable Permissions permissions) {
        validateUsername(username);
        validatePassword(password);
        if (metadata.userByName(username).isPresent()) {
            // Checked again under the lock; this early answer only spares a pointless hash.
            throw new WhippetException(ErrorCode.USER_ALREADY_EXISTS, "username: " + username + " (exists)");
        }
        return metadata.createUser(username, hasher.hash(password), status, permissions);
    }

    /** Changes a password after checking the current one (wrong → 42). */
    public User changePassword(Identifier user, String currentPassword, String newPassword) {
        validatePassword(currentPassword);
        validatePassword(newPassword);
        User existing = metadata.view().requireUser(user);
        if (!hasher.verify(currentPassword, existing.passwordHash())) {
            throw new WhippetException(ErrorCode.INVALID_CREDENTIALS);
        }
        return metadata.changePassword(Identifier.of(existing.id()), hasher.hash(newPassword));
    }

    private static void validateUsername(String username) {
        int bytes = username.getBytes(StandardCharsets.UTF_8).length;
        if (bytes < 3 || bytes > 50) {
            throw new WhippetException(ErrorCode.INVALID_USERNAME, "username bytes: " + bytes + " (expected: 3..50)");
        }
    }

    static void validatePassword(String password) {
        int bytes = password.getBytes(StandardCharsets.UTF_8).length;
        if (bytes < 3 || bytes > 100) {
            throw new WhippetException(ErrorCode.INVALID_PASSWORD, "password bytes: " + bytes + " (expected: 3..100)");
        }
    }
}
