package io.whippet.protocol.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.whippet.protocol.CommandCode;
import io.whippet.protocol.ErrorCode;
import io.whippet.protocol.Hex;
import io.whippet.protocol.WhippetException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Properties every request codec has: round trip, truncation at every byte, trailing bytes. */
class CommandCodecTest {
    static List<Command> samples() {
        return CommandSamples.all();
    }

    @Test
    void everyCommandCodeHasASample() {
        Set<CommandCode> covered = samples().stream().map(Command::code).collect(Collectors.toSet());
        assertThat(covered).containsExactlyInAnyOrderElementsOf(EnumSet.allOf(CommandCode.class));
        assertThat(covered).hasSize(47);
    }

    @ParameterizedTest
    @MethodSource("samples")
    void decodingTheEncodedPayloadGivesTheSameCommandAndBytes(Command command) {
        ByteBuffer payload = Commands.encodePayload(command);
        assertThat(payload.remaining()).isEqualTo(command.encodedSize());
        byte[] bytes = Hex.toBytes(payload);

        Command decoded = Commands.decode(command.code(), payload);

        assertThat(decoded).isEqualTo(command);
        assertThat(payload.hasRemaining()).as("decode consumes the payload").isFalse();
        assertThat(Hex.toBytes(Commands.encodePayload(decoded))).isEqualTo(bytes);
    }

    @ParameterizedTest
    @MethodSource("samples")
    void everyStrictPrefixOfThePayloadIsRejected(Command command) {
        byte[] bytes = Hex.toBytes(Commands.encodePayload(command));
        Set<ErrorCode> allowed = command instanceof SendMessages
                ? EnumSet.of(
                        ErrorCode.INVALID_COMMAND,
                        ErrorCode.INVALID_IDENTIFIER,
                        ErrorCode.INVALID_MESSAGES_COUNT,
                        ErrorCode.INVALID_INDEXES_COUNT,
                        ErrorCode.INVALID_MESSAGES_SIZE,
                        ErrorCode.TOO_SMALL_MESSAGE)
                : EnumSet.of(ErrorCode.INVALID_COMMAND, ErrorCode.INVALID_FORMAT);
        for (int length = 0; length < bytes.length; length++) {
            ByteBuffer prefix = Hex.buffer(Arrays.copyOf(bytes, length));
            assertThatThrownBy(() -> Commands.decode(command.code(), prefix))
                    .as("%s cut to %d of %d bytes", command.code(), length, bytes.length)
                    .isInstanceOfSatisfying(
                            WhippetException.class,
                            e -> assertThat(e.errorCode()).isIn(allowed));
        }
    }

    @ParameterizedTest
    @MethodSource("samples")
    void bytesAfterAValidPayloadAreIgnored(Command command) {
        if (command instanceof SendMessages) {
            return; // its message area runs to the end of the frame; see SendMessagesTest
        }
        byte[] bytes = Hex.toBytes(Commands.encodePayload(command));
        byte[] padded = Arrays.copyOf(bytes, bytes.length + 3);
        Arrays.fill(padded, bytes.length, padded.length, (byte) 0xFF);
        assertThat(Commands.decode(command.code(), Hex.buffer(padded))).isEqualTo(command);
    }

    @ParameterizedTest
    @MethodSource("samples")
    void requestFrameIsLengthCodeAndPayload(Command command) {
        ByteBuffer frame = Commands.encodeRequest(command);
        assertThat(frame.getInt(0)).isEqualTo(4 + command.encodedSize());
        assertThat(frame.getInt(4)).isEqualTo(command.code().code());
        assertThat(Hex.toBytes(frame.position(8))).isEqualTo(Hex.toBytes(Commands.encodePayload(command)));
    }

    @Test
    void unknownCommandCodeIsInvalidCommand() {
        for (int code : new int[] {0, 2, 13, 40, 45, 606, -1, 100_000}) {
            assertThatThrownBy(() -> Commands.decode(code, ByteBuffer.allocate(0)))
                    .as("code %d", code)
                    .isInstanceOfSatisfying(
                            WhippetException.class,
                            e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_COMMAND));
        }
        assertThat(Commands.decode(1, ByteBuffer.allocate(0))).isEqualTo(new Ping());
    }

    @Test
    void decoderReadsFromTheBufferPositionInLittleEndianWhateverTheOrder() {
        ByteBuffer bigEndian = ByteBuffer.wrap(Hex.bytes("ffff 01 04 00000000 01 04 05000000 07000000"))
                .order(ByteOrder.BIG_ENDIAN);
        bigEndian.position(2);
        assertThat(Commands.decode(CommandCode.CREATE_PARTITIONS, bigEndian))
                .isEqualTo(new CreatePartitions(
                        io.whippet.protocol.Identifier.of(0), io.whippet.protocol.Identifier.of(5), 7));
    }
}
