package io.whippet.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class QuicDatagramsTest {
    @Test
    void aGsoSendOfFullPacketsFitsOneIpPacket() {
        for (long size : new long[] {1200, 1350, 8192, 16_383, 65_527}) {
            int segments = QuicDatagrams.gsoSegments(size);
            long packetBytes = Math.min(size, QuicDatagrams.MAX_PACKET_BYTES);
            assertThat(segments * packetBytes).as("size %d", size).isLessThanOrEqualTo(65_507);
            assertThat(segments).isBetween(1, 64);
        }
    }

    @Test
    void segmentCountsAtTheUsualSizes() {
        assertThat(QuicDatagrams.gsoSegments(65_527))
                .as("loopback: quiche's 16 KB packets")
                .isEqualTo(3);
        assertThat(QuicDatagrams.gsoSegments(1350)).isEqualTo(48);
        assertThat(QuicDatagrams.gsoSegments(1)).as("capped by the kernel").isEqualTo(64);
    }

    @Test
    void aNonPositiveSizeIsRefused() {
        assertThatThrownBy(() -> QuicDatagrams.gsoSegments(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
