package io.whippet.server.payload;

import io.whippet.protocol.MessageLayout;
import java.nio.ByteBuffer;

/**
 * How a stored message's payload is encoded, kept in the message's reserved u64 (which a client
 * always sees as 0: the server clears it on send and restores it to 0 on poll).
 *
 * <pre>
 * reserved u64, little-endian, in a segment file
 *  bits 0..7   compression of the stored payload: 0 none, 2 gzip (the topic's wire code)
 *  bit  8      the stored payload is AES-256-GCM encrypted
 *  bits 9..63  0; anything else marks a message this version cannot read
 *
 * stored payload, by flags
 *  gzip              [1f 8b 08 00 | mtime 0:u32 | xfl 0 | os ff][deflate][crc32:u32][isize:u32]
 *  encrypted         [nonce:12][ciphertext of the payload][tag:16]        (Iggy's layout)
 *  gzip + encrypted  [nonce:12][ciphertext of the gzip member][tag:16]     (compress, then encrypt)
 * </pre>
 *
 * A per-message marker (rather than a per-topic setting) keeps data readable when a topic's
 * compression or the server's encryption changes: every message says how to read itself, so one
 * segment may mix encodings. The reserved field is used instead of a user header so the user
 * headers are stored and returned byte for byte, and the marker costs no space.
 */
final class StoredEncoding {
    static final long COMPRESSION_MASK = 0xFFL;
    static final long ENCRYPTED = 1L << 8;
    static final long KNOWN_BITS = COMPRESSION_MASK | ENCRYPTED;
    static final int GZIP = 2;

    private StoredEncoding() {}

    static long flags(ByteBuffer le, int message) {
        return le.getLong(message + MessageLayout.RESERVED_OFFSET);
    }

    static boolean encrypted(long flags) {
        return (flags & ENCRYPTED) != 0;
    }

    static int compression(long flags) {
        return (int) (flags & COMPRESSION_MASK);
    }

    static long of(int compression, boolean encrypted) {
        return (compression & COMPRESSION_MASK) | (encrypted ? ENCRYPTED : 0);
    }

    /** Flags this version knows how to undo: no unknown bit, compression none or gzip. */
    static boolean readable(long flags) {
        int compression = compression(flags);
        return (flags & ~KNOWN_BITS) == 0 && (compression == 0 || compression == GZIP);
    }
}
