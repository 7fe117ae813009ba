package io.whippet.client.consumer;

/**
 * Processes one message. When it returns the message counts as handled and its offset may be
 * stored; when it throws, the message and the rest of its poll are delivered again later.
 */
@FunctionalInterface
public interface MessageHandler {
    void handle(ReceivedMessage message) throws Exception;
}
