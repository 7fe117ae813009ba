package io.whippet.connectors.http;

/** How one logical send ended, after any retries. */
sealed interface SendOutcome {
    /** A success status. */
    record Delivered(int status) implements SendOutcome {}

    /** A status that is not a success: fatal at once, or transient with the retries used up. */
    record Rejected(int status, String bodyPrefix) implements SendOutcome {}

    /** No response (connect, timeout, reset), retries used up. */
    record TransportFailed(String message) implements SendOutcome {}
}
