package io.whippet.server.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.whippet.server.config.ConfigException;
import io.whippet.server.config.ServerConfig.TlsConfig;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyMaterialTest {
    @TempDir
    Path dir;

    private static TlsConfig selfSigned() {
        return new TlsConfig(true, true, "", "");
    }

    private static TlsConfig files(Path cert, Path key) {
        return new TlsConfig(true, false, cert.toString(), key.toString());
    }

    private static KeyPair keyPair(String algorithm, int bits) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
        generator.initialize(bits);
        return generator.generateKeyPair();
    }

    private static X509Certificate certificate(KeyPair pair, String signature) throws Exception {
        X500Name name = new X500Name("CN=test.example");
        Instant now = Instant.now();
        var builder = new JcaX509v3CertificateBuilder(
                name,
                BigInteger.TWO,
                Date.from(now.minus(Duration.ofHours(1))),
                Date.from(now.plus(Duration.ofDays(1))),
                name,
                pair.getPublic());
        return new JcaX509CertificateConverter()
                .getCertificate(builder.build(new JcaContentSignerBuilder(signature)
                        .setProvider(new BouncyCastleProvider())
                        .build(pair.getPrivate())));
    }

    /** BouncyCastle writes a bare private key as PKCS#1 (RSA) or SEC1 (EC), a KeyPair likewise. */
    private static String openSslPem(Object object) throws Exception {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(object);
        }
        return text.toString();
    }

    private Path write(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.US_ASCII);
    }

    @Test
    void selfSignedCertificateNamesLocalhostAndLoopbackAndIsWrittenForClients() throws Exception {
        KeyMaterial keys = KeyMaterial.load(selfSigned(), dir);

        X509Certificate certificate = keys.certificate();
        assertThat(certificate.getSubjectX500Principal().getName()).isEqualTo("CN=localhost");
        assertThat(certificate.getSubjectAlternativeNames())
                .containsExactlyInAnyOrder(List.of(2, "localhost"), List.of(7, "127.0.0.1"));
        assertThat(certificate.getBasicConstraints()).as("not a CA").isEqualTo(-1);
        certificate.checkValidity();
        certificate.verify(certificate.getPublicKey());

        Path certFile = dir.resolve("certs").resolve("self-signed-cert.pem");
        Path keyFile = dir.resolve("certs").resolve("self-signed-key.pem");
        assertThat(Files.readString(certFile)).startsWith("-----BEGIN CERTIFICATE-----");
        assertThat(Files.getPosixFilePermissions(keyFile)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(KeyMaterial.fromPemFiles(certFile, keyFile).certificate()).isEqualTo(certificate);
    }

    @Test
    void selfSignedIdentityIsReusedByTheNextLoad() {
        KeyMaterial first = KeyMaterial.load(selfSigned(), dir);
        KeyMaterial second = KeyMaterial.load(selfSigned(), dir);

        assertThat(second.certificate()).isEqualTo(first.certificate());
        assertThat(second.privateKey().getEncoded())
                .isEqualTo(first.privateKey().getEncoded());
    }

    @Test
    void damagedSelfSignedFilesAreReplaced() throws Exception {
        KeyMaterial first = KeyMaterial.load(selfSigned(), dir);
        Files.writeString(dir.resolve("certs").resolve("self-signed-key.pem"), "garbage");

        KeyMaterial second = KeyMaterial.load(selfSigned(), dir);

        assertThat(second.certificate()).isNotEqualTo(first.certificate());
    }

    @Test
    void loadsPkcs8EcKeyWithItsCertificate() throws Exception {
        KeyPair pair = keyPair("EC", 256);
        X509Certificate certificate = certificate(pair, "SHA256withECDSA");
        Path cert = write("cert.pem", Pem.certificates(List.of(certificate)));
        Path key = write("key.pem", Pem.privateKey(pair.getPrivate()));

        KeyMaterial keys = KeyMaterial.load(files(cert, key), dir);

        assertThat(keys.chain()).containsExactly(certificate);
        assertThat(keys.privateKey().getEncoded()).isEqualTo(pair.getPrivate().getEncoded());
    }

    @Test
    void loadsPkcs1RsaKey() throws Exception {
        KeyPair pair = keyPair("RSA", 2048);
        Path cert = write("cert.pem", Pem.certificates(List.of(certificate(pair, "SHA256withRSA"))));
        String pem = openSslPem(pair);
        assertThat(pem).startsWith("-----BEGIN RSA PRIVATE KEY-----");
        Path key = write("key.pem", pem);

        KeyMaterial keys = KeyMaterial.load(files(cert, key), dir);

        assertThat(keys.privateKey().getAlgorithm()).isEqualTo("RSA");
        assertThat(keys.privateKey().getEncoded()).isEqualTo(pair.getPrivate().getEncoded());
    }

    @Test
    void loadsSec1EcKeyAfterAnEcParametersBlockAsOpensslWritesIt() throws Exception {
        // The JDK's own EC encoding leaves the curve out of the inner SEC1 structure; BouncyCastle's keeps it.
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", new BouncyCastleProvider());
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair pair = generator.generateKeyPair();
        Path cert = write("cert.pem", Pem.certificates(List.of(certificate(pair, "SHA256withECDSA"))));
        String pem = openSslPem(pair);
        assertThat(pem).startsWith("-----BEGIN EC PRIVATE KEY-----");
        String parameters = "-----BEGIN EC PARAMETERS-----\nBggqhkjOPQMBBw==\n-----END EC PARAMETERS-----\n";
        Path key = write("key.pem", parameters + pem);

        KeyMaterial keys = KeyMaterial.load(files(cert, key), dir);

        assertThat(keys.privateKey().getAlgorithm()).isEqualTo("EC");
    }

    @Test
    void keyOfAnotherCertificateIsRefused() throws Exception {
        Path cert = write("cert.pem", Pem.certificates(List.of(certificate(keyPair("EC", 256), "SHA256withECDSA"))));
        Path key = write("key.pem", Pem.privateKey(keyPair("EC", 256).getPrivate()));

        assertThatThrownBy(() -> KeyMaterial.load(files(cert, key), dir))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("does not match the certificate")
                .hasMessageContaining(key.toString());
    }

    @Test
    void keyOfAnotherAlgorithmIsRefused() throws Exception {
        Path cert = write("cert.pem", Pem.certificates(List.of(certificate(keyPair("EC", 256), "SHA256withECDSA"))));
        Path key = write("key.pem", Pem.privateKey(keyPair("RSA", 2048).getPrivate()));

        assertThatThrownBy(() -> KeyMaterial.load(files(cert, key), dir))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("does not match the certificate");
    }

    @Test
    void selfSignedWithNamedFilesThatDoNotExistGeneratesAsIggyDoes() {
        // Iggy's shipped config names core/certs/*.pem, which exist only in its source tree.
        var config = new TlsConfig(
                true,
                true,
                dir.resolve("core/certs/iggy_cert.pem").toString(),
                dir.resolve("core/certs/iggy_key.pem").toString());

        KeyMaterial generated = KeyMaterial.load(config, dir);

        assertThat(generated.certificate())
                .isEqualTo(KeyMaterial.load(selfSigned(), dir).certificate());
        assertThatThrownBy(() -> KeyMaterial.load(new TlsConfig(true, false, config.certFile(), config.keyFile()), dir))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("expected: an existing file");
    }

    @Test
    void missingCertificateFileIsNamed() throws Exception {
        Path key = write("key.pem", Pem.privateKey(keyPair("EC", 256).getPrivate()));
        Path cert = dir.resolve("nope.pem");

        assertThatThrownBy(() -> KeyMaterial.load(files(cert, key), dir))
                .isInstanceOf(ConfigException.class)
                .hasMessage("tls cert_file: " + cert + " (expected: an existing file)");
    }

    @Test
    void fileWithoutACertificateIsRefused() throws Exception {
        Path cert = write("cert.pem", "not a certificate\n");
        Path key = write("key.pem", Pem.privateKey(keyPair("EC", 256).getPrivate()));

        assertThatThrownBy(() -> KeyMaterial.load(files(cert, key), dir))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("tls cert_file: " + cert);
    }

    @Test
    void fileWithoutAKeyIsRefused() throws Exception {
        KeyPair pair = keyPair("EC", 256);
        String certificatePem = Pem.certificates(List.of(certificate(pair, "SHA256withECDSA")));
        Path cert = write("cert.pem", certificatePem);
        Path key = write("key.pem", certificatePem);

        assertThatThrownBy(() -> KeyMaterial.load(files(cert, key), dir))
                .isInstanceOf(ConfigException.class)
                .hasMessage("tls key_file: " + key + " holds no private key");
    }

    @Test
    void encryptedKeyIsRefused() throws Exception {
        KeyPair pair = keyPair("EC", 256);
        Path cert = write("cert.pem", Pem.certificates(List.of(certificate(pair, "SHA256withECDSA"))));
        var encryptor = new JceOpenSSLPKCS8EncryptorBuilder(PKCSObjectIdentifiers.pbeWithSHAAnd3_KeyTripleDES_CBC)
                .setProvider(new BouncyCastleProvider())
                .setPassword("secret".toCharArray())
                .build();
        Path key = write("key.pem", openSslPem(new JcaPKCS8Generator(pair.getPrivate(), encryptor).generate()));

        assertThatThrownBy(() -> KeyMaterial.load(files(cert, key), dir))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("is encrypted");
    }

    @Test
    void certificateWithoutKeyFileIsRefused() throws Exception {
        Path cert = write("cert.pem", "");
        TlsConfig config = new TlsConfig(true, true, cert.toString(), "");

        assertThatThrownBy(() -> KeyMaterial.load(config, dir))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("cert_file and key_file must be set together");
    }

    @Test
    void noFilesAndNoSelfSigningIsRefused() {
        assertThatThrownBy(() -> KeyMaterial.load(new TlsConfig(true, false, "", ""), dir))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("self_signed is false");
    }
}
