package io.whippet.protocol.response;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.whippet.protocol.ErrorCode;
import io.whippet.protocol.Hex;
import io.whippet.protocol.WhippetException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Round trip and truncation at every byte for every reply layout. */
class ResponseCodecTest {
    static List<ResponseSamples.Sample> samples() {
        return ResponseSamples.all();
    }

    @Test
    void everyResponseRecordHasASample() {
        Set<Class<?>> sampled =
                samples().stream().map(s -> s.response().getClass()).collect(Collectors.toSet());
        assertThat(sampled).containsExactlyInAnyOrder(Response.class.getPermittedSubclasses());
    }

    @ParameterizedTest
    @MethodSource("samples")
    void decodingTheEncodedPayloadGivesTheSameRecordAndBytes(ResponseSamples.Sample sample) {
        ByteBuffer payload = Responses.encodePayload(sample.response());
        byte[] bytes = Hex.toBytes(payload);
        assertThat(bytes).hasSize(sample.response().encodedSize());

        Response decoded = sample.decoder().apply(payload);

        assertThat(decoded).isEqualTo(sample.response());
        assertThat(payload.hasRemaining()).isFalse();
        assertThat(Hex.toBytes(Responses.encodePayload(decoded))).isEqualTo(bytes);
    }

    /**
     * A strict prefix either fails with 3 or 4, or, for layouts that end in a list read until the
     * payload ends, is itself a shorter valid reply that re-encodes to exactly the prefix.
     */
    @ParameterizedTest
    @MethodSource("samples")
    void everyStrictPrefixIsRejectedOrIsAShorterValidList(ResponseSamples.Sample sample) {
        byte[] bytes = Hex.toBytes(Responses.encodePayload(sample.response()));
        for (int length = 0; length < bytes.length; length++) {
            byte[] prefix = Arrays.copyOf(bytes, length);
            Response decoded;
            try {
                decoded = sample.decoder().apply(Hex.buffer(prefix));
            } catch (WhippetException e) {
                assertThat(e.errorCode())
                        .as("%s cut to %d bytes", sample, length)
                        .isIn(ErrorCode.INVALID_COMMAND, ErrorCode.INVALID_FORMAT);
                continue;
            }
            assertThat(sample.endsWithList())
                    .as("%s cut to %d bytes decoded", sample, length)
                    .isTrue();
            assertThat(Hex.toBytes(Responses.encodePayload(decoded))).isEqualTo(prefix);
        }
    }

    @Test
    void listRepliesAreRecordsBackToBackUntilThePayloadEnds() {
        List<StreamInfo> streams = List.of(ResponseSamples.stream(), new StreamInfo(1, 2, 0, 0, 0, "s2"));
        ByteBuffer payload = Responses.encodeListPayload(streams);
        assertThat(StreamInfo.decodeList(payload)).isEqualTo(streams);
        assertThat(StreamInfo.decodeList(ByteBuffer.allocate(0))).isEmpty();
    }

    @Test
    void cutListRecordIsInvalidCommand() {
        byte[] bytes =
                Hex.toBytes(Responses.encodeListPayload(List.of(ResponseSamples.topic(0), ResponseSamples.topic(1))));
        assertThatThrownBy(() -> TopicInfo.decodeList(Hex.buffer(Arrays.copyOf(bytes, bytes.length - 1))))
                .isInstanceOfSatisfying(
                        WhippetException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_COMMAND));
    }
}
