package io.whippet.protocol.command;

import io.whippet.protocol.CommandCode;
import io.whippet.protocol.ErrorCode;
import io.whippet.protocol.WhippetException;
import io.whippet.protocol.Wire;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * GetSnapshot (11): a zip of diagnostics. Unknown codes, and "all" (100) together with other
 * types, are error 3.
 *
 * <pre>[compression:u8][types_count:u8][type:u8 × types_count]</pre>
 */
public record GetSnapshot(Compression compression, List<SnapshotType> types) implements Command {
    public GetSnapshot {
        types = List.copyOf(types);
        if (types.size() > 255) {
            throw new IllegalArgumentException("snapshot types: " + types.size() + " (expected: <= 255)");
        }
    }

    /** The zip compression the caller asks for. */
    public enum Compression {
        STORED(1),
        DEFLATED(2),
        BZIP2(3),
        ZSTD(4),
        LZMA(5),
        XZ(6);

        private final int code;

        Compression(int code) {
            this.code = code;
        }

        public int code() {
            return code;
        }

        public static Compression fromCode(int code) {
            for (Compression value : values()) {
                if (value.code == code) {
                    return value;
                }
            }
            throw new WhippetException(
                    ErrorCode.INVALID_COMMAND, "snapshot compression: " + code + " (expected: 1..6)");
        }
    }

    /** What goes into the snapshot. */
    public enum SnapshotType {
        FILESYSTEM_OVERVIEW(1),
        PROCESS_LIST(2),
        RESOURCE_USAGE(3),
        TEST(4),
        SERVER_LOGS(5),
        SERVER_CONFIG(6),
        ALL(100);

        private final int code;

        SnapshotType(int code) {
            this.code = code;
        }

        public int code() {
            return code;
        }

        public static SnapshotType fromCode(int code) {
            for (SnapshotType value : values()) {
                if (value.code == code) {
                    return value;
                }
            }
            throw new WhippetException(
                    ErrorCode.INVALID_COMMAND, "snapshot type: " + code + " (expected: 1..6 or 100)");
        }
    }

    public static GetSnapshot decode(ByteBuffer payload) {
        Compression compression = Compression.fromCode(Wire.u8(payload, "snapshot compression"));
        int count = Wire.u8(payload, "snapshot types count");
        List<SnapshotType> types = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            types.add(SnapshotType.fromCode(Wire.u8(payload, "snapshot type")));
        }
        if (types.contains(SnapshotType.ALL) && types.size() > 1) {
            throw new WhippetException(
                    ErrorCode.INVALID_COMMAND, "snapshot types: " + types + " (expected: ALL alone)");
        }
        return new GetSnapshot(compression, types);
    }

    @Override
    public CommandCode code() {
        return CommandCode.GET_SNAPSHOT;
    }

    @Override
    public int encodedSize() {
        return 2 + types.size();
    }

    @Override
    public void encode(ByteBuffer out) {
        out.put((byte) compression.code()).put((byte) types.size());
        for (SnapshotType type : types) {
            out.put((byte) type.code());
        }
    }
}
