package io.whippet.client.tcp;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Unwrapping of the wrappers {@code CompletableFuture.join} puts around a failure. */
final class Futures {
    private Futures() {}

    static RuntimeException unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause instanceof RuntimeException runtime ? runtime : new CompletionException(cause);
    }
}
