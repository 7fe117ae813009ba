package io.whippet.server.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.jspecify.annotations.Nullable;

/**
 * Argon2id password hashes in PHC string form:
 *
 * <pre>
 * $argon2id$v=19$m=19456,t=2,p=1$&lt;salt: 16 bytes, base64 without padding&gt;$&lt;hash: 32 bytes, same&gt;
 * </pre>
 *
 * The parameters travel inside each string, so {@link #verify} checks hashes made with older
 * settings too. Verification compares in constant time. Stateless apart from its random source;
 * safe to share between threads.
 */
public final class PasswordHasher {
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final Base64.Encoder ENCODER = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getDecoder();

    /** Argon2id cost: memory in KiB, passes over it, lanes. */
    public record Cost(int memoryKib, int iterations, int parallelism) {
        public Cost {
            if (memoryKib < 8 * parallelism || iterations < 1 || parallelism < 1 || parallelism > 64) {
                throw new IllegalArgumentException("argon2 cost: m=" + memoryKib + ",t=" + iterations + ",p="
                        + parallelism + " (expected: m >= 8p, t >= 1, 1 <= p <= 64)");
            }
        }

        /** OWASP's minimum recommendation for Argon2id: 19 MiB, 2 passes, 1 lane. */
        public static Cost owaspMinimum() {
            return new Cost(19_456, 2, 1);
        }
    }

    private final Cost cost;
    private final SecureRandom random;

    public PasswordHasher(Cost cost, SecureRandom random) {
        this.cost = cost;
        this.random = random;
    }

    public static PasswordHasher owaspMinimum() {
        return new PasswordHasher(Cost.owaspMinimum(), new SecureRandom());
    }

    /** A fresh PHC string for {@code password}, with a new random salt. */
    public String hash(String password) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] hash = derive(password, salt, cost, HASH_BYTES);
        return "$argon2id$v=19$m=" + cost.memoryKib() + ",t=" + cost.iterations() + ",p=" + cost.parallelism() + "$"
                + ENCODER.encodeToString(salt) + "$" + ENCODER.encodeToString(hash);
    }

    /** Whether {@code password} matches {@code phc}; false also for a string that does not parse. */
    public boolean verify(String password, String phc) {
        Optional<Phc> parsed = Phc.parse(phc);
        if (parsed.isEmpty()) {
            return false;
        }
        Phc stored = parsed.get();
        byte[] candidate = derive(password, stored.salt(), stored.cost(), stored.hash().length);
        return MessageDigest.isEqual(candidate, stored.hash());
    }

    private static byte[] derive(String password, byte[] salt, Cost cost, int length) {
        Argon2Parameters parameters = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withSalt(salt)
                .withMemoryAsKB(cost.memoryKib())
                .withIterations(cost.iterations())
                .withParallelism(cost.parallelism())
                .build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(parameters);
        byte[] out = new byte[length];
        generator.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
        return out;
    }

    /** A parsed PHC string. Holds a hash: {@code toString} leaves it out. */
    record Phc(Cost cost, byte[] salt, byte[] hash) {
        /** Upper bounds keep a forged string from making verification allocate gigabytes. */
        private static final int MAX_MEMORY_KIB = 4 * 1024 * 1024;

        private static final int MAX_ITERATIONS = 100;

        static Optional<Phc> parse(String phc) {
            String[] parts = phc.split("\\$", -1);
            // "", "argon2id", "v=19", "m=..,t=..,p=..", salt, hash
            if (parts.length != 6 || !parts[0].isEmpty() || !parts[1].equals("argon2id") || !parts[2].equals("v=19")) {
                return Optional.empty();
            }
            String[] costs = parts[3].split(",", -1);
            if (costs.length != 3
                    || !costs[0].startsWith("m=")
                    || !costs[1].startsWith("t=")
                    || !costs[2].startsWith("p=")) {
                return Optional.empty();
            }
            try {
                int memory = Integer.parseInt(costs[0].substring(2));
                int iterations = Integer.parseInt(costs[1].substring(2));
                int parallelism = Integer.parseInt(costs[2].substring(2));
                if (memory > MAX_MEMORY_KIB || iterations > MAX_ITERATIONS) {
                    return Optional.empty();
                }
                byte[] salt = DECODER.decode(parts[4]);
                byte[] hash = DECODER.decode(parts[5]);
                if (salt.length < 8 || hash.length < 16) {
                    return Optional.empty();
                }
                return Optional.of(new Phc(new Cost(memory, iterations, parallelism), salt, hash));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }

        @Override
        public String toString() {
            return "Phc[" + cost + "]";
        }

        @Override
        public boolean equals(@Nullable Object other) {
            return other instanceof Phc that
                    && cost.equals(that.cost)
                    && MessageDigest.isEqual(salt, that.salt)
                    && MessageDigest.isEqual(hash, that.hash);
        }

        @Override
        public int hashCode() {
            return cost.hashCode();
        }
    }
}
