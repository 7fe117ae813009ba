/**
 * Authentication and authorization: Argon2id password hashes, personal access tokens, and the
 * {@link io.whippet.server.auth.Permissioner} with one check per command. Depends on {@code
 * io.whippet.server.metadata} for the user model, never the other way round.
 */
@NullMarked
package io.whippet.server.auth;

import org.jspecify.annotations.NullMarked;
