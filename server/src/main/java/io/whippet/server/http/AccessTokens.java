package io.whippet.server.http;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.whippet.protocol.ErrorCode;
import io.whippet.protocol.WhippetException;
import io.whippet.server.config.ServerConfig;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Issues and checks the HTTP API's access tokens: HMAC-signed JWTs (HS256 by default, HS384 or
 * HS512 by {@code http.jwt.algorithm}) with {@code jti} (random UUID), {@code sub} (the user id in
 * decimal), {@code iss}, {@code aud}, {@code iat}, {@code nbf} and {@code exp}, as upstream issues
 * them. Logout and refresh revoke a token by its {@code jti} until it would have expired anyway.
 * Thread-safe.
 *
 * <p>Checking a token: its algorithm must be the configured one, its issuer one of {@code
 * valid_issuers} and one of its audiences one of {@code valid_audiences}; {@code exp} and {@code
 * nbf} are compared with {@code clock_skew} of leeway either way, as Iggy's validator does.
 *
 * <p>The signing key is the configured secret's bytes. An HMAC key must be at least as long as its
 * hash (32, 48 or 64 bytes), so a shorter secret is stretched with that hash (tokens then verify
 * only with that digest). An empty secret means a random key per start: tokens do not survive a
 * restart.
 */
final class AccessTokens {
    /** A validated token: who it is for, and its id and expiry for revocation. */
    record Claims(long userId, String tokenId, long expirySeconds) {}

    /** A freshly signed token and its claims. */
    record Issued(String token, Claims claims) {}

    private final JWSAlgorithm algorithm;
    private final byte[] key;
    private final String issuer;
    private final String audience;
    private final Set<String> validIssuers;
    private final Set<String> validAudiences;
    private final long lifetimeSeconds;
    private final long notBeforeSeconds;
    private final long skewSeconds;
    private final InstantSource clock;
    private final Map<String, Long> revokedUntilSeconds = new ConcurrentHashMap<>();

    AccessTokens(ServerConfig.JwtConfig config, InstantSource clock) {
        this.algorithm = JWSAlgorithm.parse(config.algorithm());
        this.key = signingKey(config.secret(), algorithm);
        this.issuer = config.issuer();
        this.audience = config.audience();
        this.validIssuers = Set.copyOf(config.validIssuers());
        this.validAudiences = Set.copyOf(config.validAudiences());
        this.lifetimeSeconds = Math.max(1, config.accessTokenExpiryMicros() / 1_000_000);
        this.notBeforeSeconds = config.notBeforeMicros() / 1_000_000;
        this.skewSeconds = config.clockSkewMicros() / 1_000_000;
        this.clock = clock;
    }

    /** HS256 with {@code secret}, one issuer and audience, no skew (tests). */
    static AccessTokens hs256(
            String secret, String issuer, String audience, long lifetimeSeconds, InstantSource clock) {
        return new AccessTokens(
                new ServerConfig.JwtConfig(
                        "HS256",
                        issuer,
                        audience,
                        List.of(issuer),
                        List.of(audience),
                        lifetimeSeconds * 1_000_000,
                        0,
                        0,
                        secret.getBytes(StandardCharsets.UTF_8)),
                clock);
    }

    /** A new token for {@code userId}, valid from {@code not_before} after now for the configured lifetime. */
    Issued issue(long userId) {
        Instant now = clock.instant();
        long issuedSeconds = now.getEpochSecond();
        long expirySeconds = issuedSeconds + lifetimeSeconds;
        String tokenId = UUID.randomUUID().toString();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .jwtID(tokenId)
                .subject(Long.toString(userId))
                .issuer(issuer)
                .audience(audience)
                .issueTime(Date.from(Instant.ofEpochSecond(issuedSeconds)))
                .notBeforeTime(Date.from(Instant.ofEpochSecond(issuedSeconds + notBeforeSeconds)))
                .expirationTime(Date.from(Instant.ofEpochSecond(expirySeconds)))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(algorithm), claims);
        try {
            jwt.sign(new MACSigner(key));
        } catch (JOSEException e) {
            throw new WhippetException(ErrorCode.CANNOT_GENERATE_JWT, "signing failed: " + e.getMessage());
        }
        return new Issued(jwt.serialize(), new Claims(userId, tokenId, expirySeconds));
    }

    /** The claims of a valid, unexpired, unrevoked token; empty for anything else. */
    Optional<Claims> verify(String token) {
        long nowSeconds = clock.instant().getEpochSecond();
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!algorithm.equals(jwt.getHeader().getAlgorithm()) || !jwt.verify(new MACVerifier(key))) {
                return Optional.empty();
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            Date expiry = claims.getExpirationTime();
            Date notBefore = claims.getNotBeforeTime();
            String tokenId = claims.getJWTID();
            String subject = claims.getSubject();
            if (expiry == null
                    || tokenId == null
                    || subject == null
                    || expiry.toInstant().getEpochSecond() + skewSeconds <= nowSeconds
                    || (notBefore != null && notBefore.toInstant().getEpochSecond() - skewSeconds > nowSeconds)
                    || !validIssuers.contains(claims.getIssuer())
                    || claims.getAudience().stream().noneMatch(validAudiences::contains)
                    || revokedUntilSeconds.containsKey(tokenId)) {
                return Optional.empty();
            }
            return Optional.of(new Claims(
                    Long.parseLong(subject), tokenId, expiry.toInstant().getEpochSecond()));
        } catch (ParseException | JOSEException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Makes the token unusable; forgotten once it has expired, since it is then refused anyway. */
    void revoke(Claims claims) {
        long nowSeconds = clock.instant().getEpochSecond();
        revokedUntilSeconds.values().removeIf(until -> until + skewSeconds <= nowSeconds);
        revokedUntilSeconds.put(claims.tokenId(), claims.expirySeconds());
    }

    /** Revokes unless already revoked; false when another request won the race (refresh once). */
    boolean revokeOnce(Claims claims) {
        return revokedUntilSeconds.putIfAbsent(claims.tokenId(), claims.expirySeconds()) == null;
    }

    private static byte[] signingKey(byte[] secret, JWSAlgorithm algorithm) {
        if (secret.length == 0) {
            byte[] random = new byte[64];
            new SecureRandom().nextBytes(random);
            return random;
        }
        String digest = "SHA-" + algorithm.getName().substring(2);
        int minBytes = Integer.parseInt(algorithm.getName().substring(2)) / 8;
        if (secret.length >= minBytes) {
            return secret.clone();
        }
        try {
            return MessageDigest.getInstance(digest).digest(secret);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(digest + " is missing from this JDK", e);
        }
    }
}
