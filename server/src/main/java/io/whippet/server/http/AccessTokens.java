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
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Issues and checks the HTTP API's access tokens: HS256 JWTs with {@code jti} (random UUID),
 * {@code sub} (the user id in decimal), {@code iss}, {@code aud}, {@code iat}, {@code nbf} and
 * {@code exp}, as upstream issues them. Logout and refresh revoke a token by its {@code jti}
 * until it would have expired anyway. Thread-safe.
 *
 * <p>The signing key is the configured secret's UTF-8 bytes; HS256 needs at least 32 of them,
 * so a shorter secret is stretched with SHA-256 (tokens then verify only with that digest). An
 * empty secret means a random key per start: tokens do not survive a restart.
 */
final class AccessTokens {
    /** A validated token: who it is for, and its id and expiry for revocation. */
    record Claims(long userId, String tokenId, long expirySeconds) {}

    /** A freshly signed token and its claims. */
    record Issued(String token, Claims claims) {}

    private final byte[] key;
    private final String issuer;
    private final String audience;
    private final long lifetimeSeconds;
    private final InstantSource clock;
    private final Map<String, Long> revokedUntilSeconds = new ConcurrentHashMap<>();

    AccessTokens(String secret, String issuer, String audience, long lifetimeSeconds, InstantSource clock) {
        this.key = signingKey(secret);
        this.issuer = issuer;
        this.audience = audience;
        this.lifetimeSeconds = Math.max(1, lifetimeSeconds);
        this.clock = clock;
    }

    /** A new token for {@code userId}, valid from now for the configured lifetime. */
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
                .notBeforeTime(Date.from(Instant.ofEpochSecond(issuedSeconds)))
                .expirationTime(Date.from(Instant.ofEpochSecond(expirySeconds)))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
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
            if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm()) || !jwt.verify(new MACVerifier(key))) {
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
                    || expiry.toInstant().getEpochSecond() <= nowSeconds
                    || (notBefore != null && notBefore.toInstant().getEpochSecond() > nowSeconds)
                    || !issuer.equals(claims.getIssuer())
                    || !claims.getAudience().contains(audience)
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
        revokedUntilSeconds.values().removeIf(until -> until <= nowSeconds);
        revokedUntilSeconds.put(claims.tokenId(), claims.expirySeconds());
    }

    /** Revokes unless already revoked; false when another request won the race (refresh once). */
    boolean revokeOnce(Claims claims) {
        return revokedUntilSeconds.putIfAbsent(claims.tokenId(), claims.expirySeconds()) == null;
    }

    private static byte[] signingKey(String secret) {
        if (secret.isEmpty()) {
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            return random;
        }
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        if (bytes.length >= 32) {
            return bytes;
        }
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
