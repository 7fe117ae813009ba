package io.whippet.protocol;

/**
 * Datagram sizes of the QUIC transport, shared by the server and the SDK so both batch datagrams
 * the same way.
 *
 * <p>Quiche never builds a packet above {@link #MAX_PACKET_BYTES} once the handshake is done
 * (it seals each packet in one 16 KiB buffer), whatever size either side allows; so a 1 MB reply
 * is at least 62 packets even on loopback (MTU 64 KiB). What can still be cut is the number of
 * system calls: with UDP generic segmentation offload (GSO) one {@code sendmsg} carries several
 * equal-sized packets, and with UDP_GRO the receiving socket hands them up as one read. The
 * kernel refuses a GSO send whose total exceeds one IP packet:
 *
 * <pre>
 * one GSO send = [packet 1][packet 2]...[packet n]   n * size &lt;= 65,507 B (IPv4: 65,535 - 20 - 8)
 *                                                    n &lt;= 64 (UDP_MAX_SEGMENTS)
 * </pre>
 */
public final class QuicDatagrams {
    /** The largest packet quiche sends after the handshake. */
    public static final int MAX_PACKET_BYTES = 16_383;

    /** The largest UDP payload over IPv4 (IPv6 allows 20 B more; the smaller bound fits both). */
    public static final int MAX_UDP_PAYLOAD_BYTES = 65_507;

    /** Linux's limit on the segments of one GSO send. */
    public static final int MAX_GSO_SEGMENTS = 64;

    private QuicDatagrams() {}

    /**
     * How many packets one GSO send may carry when packets are at most {@code maxUdpPayloadBytes}
     * (the configured limit; quiche caps it at {@link #MAX_PACKET_BYTES}): 3 at 16 KB, 48 at Iggy's
     * 1,350 B.
     */
    public static int gsoSegments(long maxUdpPayloadBytes) {
        if (maxUdpPayloadBytes <= 0) {
            throw new IllegalArgumentException("maxUdpPayloadBytes: " + maxUdpPayloadBytes + " (expected: > 0)");
        }
        long packetBytes = Math.min(maxUdpPayloadBytes, MAX_PACKET_BYTES);
        return (int) Math.max(1, Math.min(MAX_GSO_SEGMENTS, MAX_UDP_PAYLOAD_BYTES / packetBytes));
    }
}
