package io.whippet.protocol.response;

import java.nio.ByteBuffer;

/**
 * A reply payload layout, or a part of one that appears in lists. Encoders write little-endian at
 * the buffer's position.
 */
public sealed interface Response
        permits CacheMetric,
                ClientDetails,
                ClientGroup,
                ClientInfo,
                ClusterMetadata,
                ClusterNode,
                ConsumerGroupDetails,
                ConsumerGroupInfo,
                ConsumerGroupMember,
                ConsumerOffsetInfo,
                Identity,
                PartitionInfo,
                PersonalAccessTokenInfo,
                PolledMessages,
                RawPersonalAccessToken,
                Stats,
                StreamDetails,
                StreamInfo,
                TopicDetails,
                TopicInfo,
                UserDetails,
                UserInfo {
    /** Bytes {@link #encode} writes. */
    int encodedSize();

    void encode(ByteBuffer out);
}
