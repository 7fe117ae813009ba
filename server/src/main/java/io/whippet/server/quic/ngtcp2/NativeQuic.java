package io.whippet.server.quic.ngtcp2;

import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The functions of {@code libwhippet_quic.so} ({@code server/src/main/c/whippet_quic.c}, built by
 * the server module when ngtcp2's and GnuTLS's headers are installed), bound with FFM.
 *
 * <p>The library comes from the class path ({@code native/linux-x86_64/}); inside a jar it is
 * copied to a temporary file first. Loading also needs {@code libngtcp2.so.9},
 * {@code libngtcp2_crypto_gnutls.so.2} and {@code libgnutls.so.30} (Debian:
 * {@code libngtcp2-crypto-gnutls2}). {@link #load} never throws: it returns {@link Unavailable}
 * with the reason, and the server falls back to Netty's quiche codec.
 *
 * <pre>
 * wq_config (56 B, little-endian)          wq_event (40 B)
 *   0  u64 max_idle_timeout_us               0  i32 type  (1 connected, 2 data, 3 stream closed, 4 closed)
 *   8  u64 stream_window_bytes               4  i32 flags (bit 0: FIN)
 *  16  u64 conn_window_bytes                 8  u64 conn_id
 *  24  u64 max_bidi_streams                 16  i64 stream_id
 *  32  u64 max_udp_payload_bytes            24  ptr data
 *  40  u64 keep_alive_us                    32  u64 len
 *  48  i32 send_buffer_bytes
 *  52  i32 recv_buffer_bytes
 * </pre>
 */
public final class NativeQuic {
    static final String RESOURCE = "/native/linux-x86_64/libwhippet_quic.so";

    static final StructLayout CONFIG = MemoryLayout.structLayout(
            ValueLayout.JAVA_LONG.withName("max_idle_timeout_us"),
            ValueLayout.JAVA_LONG.withName("stream_window_bytes"),
            ValueLayout.JAVA_LONG.withName("conn_window_bytes"),
            ValueLayout.JAVA_LONG.withName("max_bidi_streams"),
            ValueLayout.JAVA_LONG.withName("max_udp_payload_bytes"),
            ValueLayout.JAVA_LONG.withName("keep_alive_us"),
            ValueLayout.JAVA_INT.withName("send_buffer_bytes"),
            ValueLayout.JAVA_INT.withName("recv_buffer_bytes"));

    static final long CONFIG_IDLE = offset(CONFIG, "max_idle_timeout_us");
    static final long CONFIG_STREAM_WINDOW = offset(CONFIG, "stream_window_bytes");
    static final long CONFIG_CONN_WINDOW = offset(CONFIG, "conn_window_bytes");
    static final long CONFIG_BIDI_STREAMS = offset(CONFIG, "max_bidi_streams");
    static final long CONFIG_UDP_PAYLOAD = offset(CONFIG, "max_udp_payload_bytes");
    static final long CONFIG_KEEP_ALIVE = offset(CONFIG, "keep_alive_us");
    static final long CONFIG_SEND_BUFFER = offset(CONFIG, "send_buffer_bytes");
    static final long CONFIG_RECV_BUFFER = offset(CONFIG, "recv_buffer_bytes");

    static final long EVENT_BYTES = 40;
    static final long EVENT_TYPE = 0;
    static final long EVENT_FLAGS = 4;
    static final long EVENT_CONN = 8;
    static final long EVENT_STREAM = 16;
    static final long EVENT_DATA = 24;
    static final long EVENT_LEN = 32;

    static final int EV_CONNECTED = 1;
    static final int EV_DATA = 2;
    static final int EV_STREAM_CLOSED = 3;
    static final int EV_CLOSED = 4;

    /** What {@link #load} found. */
    public sealed interface Loaded permits Available, Unavailable {}

    public record Available(NativeQuic library) implements Loaded {}

    public record Unavailable(String reason) implements Loaded {}

    final MethodHandle serverNew;
    final MethodHandle localPort;
    final MethodHandle poll;
    final MethodHandle events;
    final MethodHandle streamSend;
    final MethodHandle streamStop;
    final MethodHandle connClose;
    final MethodHandle wakeup;
    final MethodHandle serverFree;

    private NativeQuic(SymbolLookup lookup) {
        Linker linker = Linker.nativeLinker();
        var address = ValueLayout.ADDRESS;
        var i32 = ValueLayout.JAVA_INT;
        var i64 = ValueLayout.JAVA_LONG;
        serverNew = linker.downcallHandle(
                symbol(lookup, "wq_server_new"),
                FunctionDescriptor.of(address, address, i32, address, address, address, address, i64));
        localPort = linker.downcallHandle(symbol(lookup, "wq_local_port"), FunctionDescriptor.of(i32, address));
        poll = linker.downcallHandle(symbol(lookup, "wq_poll"), FunctionDescriptor.of(i32, address, i32));
        events = linker.downcallHandle(symbol(lookup, "wq_events"), FunctionDescriptor.of(address, address));
        // critical: the reply may be a heap array, copied by the callee without a staging copy here.
        streamSend = linker.downcallHandle(
                symbol(lookup, "wq_stream_send"),
                FunctionDescriptor.of(i32, address, i64, i64, address, i64, i32),
                Linker.Option.critical(true));
        streamStop = linker.downcallHandle(
                symbol(lookup, "wq_stream_stop"), FunctionDescriptor.of(i32, address, i64, i64, i64));
        connClose =
                linker.downcallHandle(symbol(lookup, "wq_conn_close"), FunctionDescriptor.of(i32, address, i64, i64));
        wakeup = linker.downcallHandle(symbol(lookup, "wq_wakeup"), FunctionDescriptor.ofVoid(address));
        serverFree = linker.downcallHandle(symbol(lookup, "wq_server_free"), FunctionDescriptor.ofVoid(address));
    }

    /** Loads the library on first use (class initialisation is the once-only guard). */
    private static final class Once {
        static final Loaded LOADED = tryLoad();
    }

    /** Loads the library once; later calls return the same answer. */
    public static Loaded load() {
        return Once.LOADED;
    }

    private static Loaded tryLoad() {
        if (!System.getProperty("os.name", "")
                        .toLowerCase(java.util.Locale.ROOT)
                        .contains("linux")
                || !System.getProperty("os.arch", "").matches("amd64|x86_64")) {
            return new Unavailable("built for linux-x86_64 only");
        }
        URL url = NativeQuic.class.getResource(RESOURCE);
        if (url == null) {
            return new Unavailable(
                    "the server was built without libwhippet_quic.so (install libngtcp2-crypto-gnutls-dev,"
                            + " libngtcp2-dev and libgnutls28-dev, then rebuild)");
        }
        try {
            Path file;
            if ("file".equals(url.getProtocol())) {
                file = Path.of(url.toURI());
            } else {
                file = Files.createTempFile("libwhippet_quic", ".so");
                file.toFile().deleteOnExit();
                try (InputStream in = url.openStream()) {
                    Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
                }
            }
            return new Available(new NativeQuic(SymbolLookup.libraryLookup(file, Arena.global())));
        } catch (IOException | java.net.URISyntaxException | RuntimeException e) {
            // dlopen failures (libngtcp2.so.9 missing, say) arrive as IllegalArgumentException.
            return new Unavailable("cannot load libwhippet_quic.so: " + e.getMessage());
        }
    }

    private static MemorySegment symbol(SymbolLookup lookup, String name) {
        return lookup.find(name).orElseThrow(() -> new IllegalArgumentException("missing symbol " + name));
    }

    private static long offset(StructLayout layout, String field) {
        return layout.byteOffset(MemoryLayout.PathElement.groupElement(field));
    }
}
