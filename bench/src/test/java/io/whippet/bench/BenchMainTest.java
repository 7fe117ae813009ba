package io.whippet.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.whippet.client.TlsSettings;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class BenchMainTest {
    private static BenchParams parse(String... args) {
        BenchMain main = new BenchMain();
        new CommandLine(main).parseArgs(args);
        return main.params();
    }

    @Test
    void pinnedProducerDefaultsMatchIggyBench() {
        BenchParams params = parse("pinned-producer");
        assertThat(params.kind()).isEqualTo(BenchKind.PINNED_PRODUCER);
        assertThat(params.workload()).isEqualTo(new BenchParams.Workload(1000, 1000, 1000));
        assertThat(params.topology().producers()).isEqualTo(8);
        assertThat(params.topology().consumers()).isZero();
        assertThat(params.topology().streams()).isEqualTo(8);
        assertThat(params.topology().partitions()).isEqualTo(1);
        assertThat(params.connection().serverAddress()).isEqualTo("127.0.0.1:8090");
        assertThat(params.connection().embeddedServer()).isFalse();
    }

    @Test
    void aliasesAndBalancedDefaultsResolve() {
        BenchParams params = parse("bcg", "--consumers", "4");
        assertThat(params.kind()).isEqualTo(BenchKind.BALANCED_CONSUMER_GROUP);
        assertThat(params.topology().producers()).isZero();
        assertThat(params.topology().consumers()).isEqualTo(4);
        assertThat(params.topology().streams()).isEqualTo(1);
        assertThat(params.topology().partitions()).isEqualTo(24);
    }

    @Test
    void totalDataIsSplitIntoBatchesPerActor() {
        BenchParams params = parse("pp", "--producers", "2", "-T", "1GB", "-m", "1000", "-P", "1000");
        assertThat(params.workload().batchesPerActor()).isEqualTo(500);
    }

    @Test
    void parsesSizesInDecimalAndBinaryUnits() {
        assertThat(BenchMain.parseBytes("50MB")).isEqualTo(50_000_000);
        assertThat(BenchMain.parseBytes("1GiB")).isEqualTo(1L << 30);
        assertThat(BenchMain.parseBytes("100MB/s")).isEqualTo(100_000_000);
        assertThat(BenchMain.parseBytes("1234")).isEqualTo(1234);
        assertThatThrownBy(() -> BenchMain.parseBytes("lots")).hasMessageContaining("size: lots");
    }

    @Test
    void tlsIsOffByDefaultAndVerifiesCertificatesWhenOn() {
        assertThat(parse("pp").connection().tls().enabled()).isFalse();

        BenchParams verified = parse("pp", "--tls", "--tls-domain", "localhost", "--tls-ca-file", "ca.pem");
        assertThat(verified.connection().tls()).isEqualTo(new TlsSettings(true, "localhost", "ca.pem", true));
        assertThat(verified.connection().label()).isEqualTo("tcp+tls");

        assertThat(parse("pp", "--tls", "--tls-insecure").connection().tls().validateCertificate())
                .isFalse();
    }

    @Test
    void rejectsUnknownKinds() {
        assertThatThrownBy(() -> parse("pinned-nothing")).hasMessageContaining("kind: pinned-nothing");
    }
}
