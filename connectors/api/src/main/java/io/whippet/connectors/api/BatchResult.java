package io.whippet.connectors.api;

/**
 * The fate of a source batch: {@code ACK} once the server accepted it and its state was saved,
 * {@code NACK} otherwise. Sources apply staged cursor moves on ACK and discard them on NACK.
 */
public enum BatchResult {
    ACK,
    NACK
}
