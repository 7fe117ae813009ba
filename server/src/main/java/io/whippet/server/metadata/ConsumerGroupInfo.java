package io.whippet.server.metadata;

/** A consumer group of one topic; its id is unique within the topic. */
public record ConsumerGroupInfo(long streamId, long topicId, long id, String name) {}
