package io.whippet.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.whippet.server.auth.PasswordHasher.Cost;
import io.whippet.server.auth.PasswordHasher.Phc;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.junit.jupiter.api.Test;

class PasswordHasherTest {
    /** Cheap parameters: the tests check the format and the logic, not the cost. */
    private static final Cost CHEAP = new Cost(256, 1, 1);

    private final PasswordHasher hasher = new PasswordHasher(CHEAP, new SecureRandom());

    @Test
    void hashThenVerifyRoundTrips() {
        String phc = hasher.hash("correct horse");

        assertThat(hasher.verify("correct horse", phc)).isTrue();
        assertThat(hasher.verify("correct horsE", phc)).isFalse();
        assertThat(hasher.verify("", phc)).isFalse();
    }

    @Test
    void hashIsAPhcStringWithTheCostAndAFreshSaltEachTime() {
        String first = hasher.hash("secret");
        String second = hasher.hash("secret");

        assertThat(first).matches("\\$argon2id\\$v=19\\$m=256,t=1,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
        assertThat(first).isNotEqualTo(second);
        Phc parsed = Phc.parse(first).orElseThrow();
        assertThat(parsed.cost()).isEqualTo(CHEAP);
        assertThat(parsed.salt()).hasSize(16);
        assertThat(parsed.hash()).hasSize(32);
    }

    @Test
    void verifyUsesTheCostStoredInTheStringNotTheHashersOwn() {
        String phc = new PasswordHasher(new Cost(512, 2, 2), new SecureRandom()).hash("secret");

        assertThat(hasher.verify("secret", phc)).isTrue();
    }

    @Test
    void hashMatchesAnIndependentArgon2idComputation() {
        byte[] salt = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withSalt(salt)
                .withMemoryAsKB(256)
                .withIterations(1)
                .withParallelism(1)
                .build());
        byte[] expected = new byte[32];
        generator.generateBytes("pw".getBytes(StandardCharsets.UTF_8), expected);
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        String phc = "$argon2id$v=19$m=256,t=1,p=1$" + b64.encodeToString(salt) + "$" + b64.encodeToString(expected);

        assertThat(hasher.verify("pw", phc)).isTrue();
    }

    @Test
    void malformedStringsNeverVerify() {
        String good = hasher.hash("secret");

        assertThat(hasher.verify("secret", "")).isFalse();
        assertThat(hasher.verify("secret", good.replace("argon2id", "argon2i"))).isFalse();
        assertThat(hasher.verify("secret", good.replace("v=19", "v=16"))).isFalse();
        assertThat(hasher.verify("secret", good.replace("m=256", "m=abc"))).isFalse();
        assertThat(hasher.verify("secret", good.replace("m=256", "m=99999999"))).isFalse();
        assertThat(hasher.verify("secret", good + "$extra")).isFalse();
        assertThat(hasher.verify("secret", good.substring(0, good.lastIndexOf('$')) + "$!!!"))
                .isFalse();
    }

    @Test
    void parsedHashesHideTheirBytesInToString() {
        assertThat(Phc.parse(hasher.hash("secret")).orElseThrow().toString()).doesNotContain("$");
    }
}
