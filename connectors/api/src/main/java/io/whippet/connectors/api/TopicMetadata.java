package io.whippet.connectors.api;

/** The stream and topic a batch came from, as named in the connector config. */
public record TopicMetadata(String stream, String topic) {}
