package io.whippet.server.payload;

import io.whippet.protocol.CompressionAlgorithm;
import io.whippet.storage.ReadResult;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * The server's payload coding: on send, a batch for a topic with compression, or any batch when
 * the server encrypts, is rewritten into stored form ({@link StoredEncoding}) before it is
 * appended; on poll, a partition that may hold such messages is read into memory and decoded.
 * Partitions that never stored a rewritten message keep zero-copy polls.
 *
 * <p><b>Binding a ciphertext to its place.</b> The GCM tag authenticates the payload only, with no
 * associated data, as Iggy does. Binding it to stream/topic/partition/offset would need those as
 * AAD, but the offset (and a server-generated message id) are assigned inside the partition's
 * append lock, after encryption, which runs outside the lock so that senders encrypt in parallel;
 * re-encrypting under the lock would serialize the cost. Ids without offset would still let a
 * ciphertext be moved between partitions, and topic ids are reused after deletion. So the
 * guarantee is confidentiality and per-payload integrity against disk theft or bit rot: a
 * ciphertext swapped for another one written under the same key is not detected. Keeping Iggy's
 * layout also keeps the stored payload of an encrypted message readable by Iggy's tooling.
 *
 * <p>Thread-safe: per-batch state (ciphers, zlib streams, buffers) comes from a {@link WorkerPool}.
 */
public final class PayloadCodec {
    private final @Nullable SecretKey key;
    private final WorkerPool pool;

    private PayloadCodec(byte @Nullable [] key) {
        this.key = key == null ? null : new SecretKeySpec(key, "AES");
        this.pool = new WorkerPool(this.key, 2 * Runtime.getRuntime().availableProcessors());
    }

    /** Compression only; nothing is encrypted. */
    public static PayloadCodec plain() {
        return new PayloadCodec(null);
    }

    /** Encrypts every payload with AES-256-GCM under {@code key} (32 bytes), as well as compressing. */
    public static PayloadCodec encrypting(byte[] key) {
        if (key.length != 32) {
            throw new IllegalArgumentException("key: " + key.length + " bytes (expected: 32)");
        }
        return new PayloadCodec(key.clone());
    }

    public boolean encrypts() {
        return key != null;
    }

    /**
     * The stored form of a validated batch for a topic with {@code compression}. When nothing is
     * to be done, the batch itself comes back, with its reserved fields cleared in place.
     *
     * @param messages wire-layout messages, position to limit
     */
    public EncodedBatch encode(ByteBuffer messages, int count, CompressionAlgorithm compression) {
        boolean compress = compression == CompressionAlgorithm.GZIP;
        if (!compress && key == null) {
            BatchEncoder.clearEncoding(messages, count);
            return new EncodedBatch(messages, null, null);
        }
        PayloadWorker worker = pool.take();
        try {
            return new EncodedBatch(BatchEncoder.encode(messages, count, compress, key != null, worker), worker, pool);
        } catch (RuntimeException e) {
            pool.give(worker);
            throw e;
        }
    }

    /**
     * Reads {@code read} into memory and decodes it, keeping {@code prefixBytes} free at the start
     * of the buffer; stops before a message that would take the decoded size past {@code maxBytes}
     * (the first message is always included). Does not close {@code read}.
     */
    public DecodedMessages decode(ReadResult read, int prefixBytes, long maxBytes) {
        if (read.sizeBytes() > Integer.MAX_VALUE - 16 - prefixBytes) {
            throw new IllegalArgumentException("read of " + read.sizeBytes() + " bytes is too large to decode");
        }
        ByteBuffer stored =
                ByteBuffer.allocate(prefixBytes + (int) read.sizeBytes()).order(ByteOrder.LITTLE_ENDIAN);
        stored.position(prefixBytes);
        read.copyTo(stored);
        return decode(stored.flip(), prefixBytes, maxBytes);
    }

    /**
     * As {@link #decode(ReadResult, int, long)}, over stored messages already in memory: a
     * little-endian heap buffer holding {@code prefixBytes} free bytes, then whole messages to its
     * limit. The buffer may be returned as it is when nothing in it is encoded.
     */
    public DecodedMessages decode(ByteBuffer stored, int prefixBytes, long maxBytes) {
        PayloadWorker worker = pool.take();
        try {
            return BatchDecoder.decode(stored, prefixBytes, maxBytes, worker);
        } finally {
            pool.give(worker);
        }
    }

    @Override
    public String toString() {
        return "PayloadCodec[encrypts=" + encrypts() + "]";
    }
}
