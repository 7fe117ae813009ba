package io.whippet.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.whippet.server.config.ServerConfig;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import org.junit.jupiter.api.Test;

class AccessTokensTest {
    private static final Instant NOW = Instant.parse("2026-12-05T12:00:00Z");
    private static final byte[] SECRET = "top_secret$iggy123$_jwt_HS256_key#!".getBytes(StandardCharsets.UTF_8);

    private static ServerConfig.JwtConfig config(
            String algorithm, String issuer, List<String> validIssuers, long skewSeconds, long notBeforeSeconds) {
        return new ServerConfig.JwtConfig(
                algorithm,
                issuer,
                "iggy.apache.org",
                validIssuers,
                List.of("iggy.apache.org"),
                60_000_000,
                skewSeconds * 1_000_000,
                notBeforeSeconds * 1_000_000,
                SECRET);
    }

    private static AccessTokens at(ServerConfig.JwtConfig config, Instant instant) {
        return new AccessTokens(config, InstantSource.fixed(instant));
    }

    @Test
    void anExpiredTokenPassesWithinTheClockSkewAndFailsBeyondIt() {
        var config = config("HS256", "iggy.apache.org", List.of("iggy.apache.org"), 5, 0);
        String token = at(config, NOW).issue(7).token();

        assertThat(at(config, NOW.plusSeconds(59)).verify(token)).isPresent();
        // exp = NOW + 60 s; 5 s of skew keeps it valid up to, not including, NOW + 65 s.
        assertThat(at(config, NOW.plusSeconds(64)).verify(token))
                .hasValueSatisfying(claims -> assertThat(claims.userId()).isEqualTo(7));
        assertThat(at(config, NOW.plusSeconds(65)).verify(token)).isEmpty();
        var strict = config("HS256", "iggy.apache.org", List.of("iggy.apache.org"), 0, 0);
        assertThat(at(strict, NOW.plusSeconds(60)).verify(token)).isEmpty();
    }

    @Test
    void notBeforeDelaysANewTokenUpToTheSkew() {
        var config = config("HS256", "iggy.apache.org", List.of("iggy.apache.org"), 2, 10);
        String token = at(config, NOW).issue(1).token();

        assertThat(at(config, NOW.plusSeconds(7)).verify(token)).isEmpty();
        assertThat(at(config, NOW.plusSeconds(8)).verify(token)).isPresent();
    }

    @Test
    void tokensFromAnyValidIssuerPassAndOthersFail() {
        String fromOther = at(config("HS256", "other.example", List.of("other.example"), 0, 0), NOW)
                .issue(3)
                .token();

        var trusting = config("HS256", "iggy.apache.org", List.of("iggy.apache.org", "other.example"), 0, 0);
        var notTrusting = config("HS256", "iggy.apache.org", List.of("iggy.apache.org"), 0, 0);
        assertThat(at(trusting, NOW).verify(fromOther)).isPresent();
        assertThat(at(notTrusting, NOW).verify(fromOther)).isEmpty();
    }

    @Test
    void theConfiguredAlgorithmSignsAndNoOtherIsAccepted() {
        var hs512 = config("HS512", "iggy.apache.org", List.of("iggy.apache.org"), 0, 0);
        var hs256 = config("HS256", "iggy.apache.org", List.of("iggy.apache.org"), 0, 0);
        String token512 = at(hs512, NOW).issue(2).token();
        String token256 = at(hs256, NOW).issue(2).token();

        assertThat(token512).startsWith("eyJhbGciOiJIUzUxMiJ9.");
        assertThat(at(hs512, NOW).verify(token512)).isPresent();
        assertThat(at(hs256, NOW).verify(token512)).isEmpty();
        assertThat(at(hs512, NOW).verify(token256)).isEmpty();
    }
}
