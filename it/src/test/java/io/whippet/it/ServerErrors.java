package io.whippet.it;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.iggy.exception.IggyAuthenticationException;
import org.apache.iggy.exception.IggyAuthorizationException;
import org.apache.iggy.exception.IggyConflictException;
import org.apache.iggy.exception.IggyNotConnectedException;
import org.apache.iggy.exception.IggyResourceNotFoundException;
import org.apache.iggy.exception.IggyServerException;
import org.apache.iggy.exception.IggyValidationException;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/**
 * Assertions on the error a server status turns into inside the SDK: the exact exception class the
 * 0.8.0 SDK picks for the number, and the raw number itself (wire-protocol.md, section 7).
 */
final class ServerErrors {
    private ServerErrors() {}

    static void assertServerError(ThrowingCallable call, Class<? extends IggyServerException> type, int code) {
        assertThatThrownBy(call)
                .isExactlyInstanceOf(type)
                .extracting(e -> ((IggyServerException) e).getRawErrorCode())
                .isEqualTo(code);
    }

    static void assertNotFound(ThrowingCallable call, int code) {
        assertServerError(call, IggyResourceNotFoundException.class, code);
    }

    static void assertConflict(ThrowingCallable call, int code) {
        assertServerError(call, IggyConflictException.class, code);
    }

    static void assertValidation(ThrowingCallable call, int code) {
        assertServerError(call, IggyValidationException.class, code);
    }

    static void assertAuthentication(ThrowingCallable call, int code) {
        assertServerError(call, IggyAuthenticationException.class, code);
    }

    /** 41: the session is logged in but lacks the permission. */
    static void assertUnauthorized(ThrowingCallable call) {
        assertServerError(call, IggyAuthorizationException.class, 41);
    }

    /**
     * A command from a connection that has not logged in. The 0.8.0 SDK refuses most such commands
     * itself ({@link IggyNotConnectedException}, nothing sent); the ones it lets through (get stats)
     * must come back from the server as 40.
     */
    static void assertUnauthenticated(ThrowingCallable call) {
        assertThatThrownBy(call)
                .satisfiesAnyOf(
                        e -> org.assertj.core.api.Assertions.assertThat(e)
                                .isExactlyInstanceOf(IggyNotConnectedException.class),
                        e -> org.assertj.core.api.Assertions.assertThat(e)
                                .isExactlyInstanceOf(IggyAuthenticationException.class)
                                .extracting(x -> ((IggyServerException) x).getRawErrorCode())
                                .isEqualTo(40));
    }
}
