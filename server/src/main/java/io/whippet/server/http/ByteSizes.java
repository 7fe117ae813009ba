package io.whippet.server.http;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * Human-readable byte sizes as upstream's JSON carries them ({@code "0 B"}, {@code "1.5 KB"},
 * {@code "1 KiB"}): the largest decimal or binary unit in which the value is exact with at most
 * three decimals. Sizes are u64, so a negative long is read as unsigned.
 */
final class ByteSizes {
    private static final String[] UNITS = {"KB", "KiB", "MB", "MiB", "GB", "GiB", "TB", "TiB", "PB", "PiB", "EB", "EiB"
    };
    private static final BigInteger[] FACTORS = new BigInteger[UNITS.length];

    static {
        for (int power = 1; power <= 6; power++) {
            FACTORS[2 * (power - 1)] = BigInteger.valueOf(1000).pow(power);
            FACTORS[2 * (power - 1) + 1] = BigInteger.valueOf(1024).pow(power);
        }
    }

    private ByteSizes() {}

    static String format(long sizeBytes) {
        BigInteger bytes = new BigInteger(Long.toUnsignedString(sizeBytes));
        BigInteger thousandths = bytes.multiply(BigInteger.valueOf(1000));
        String best = bytes + " B";
        BigInteger bestFactor = BigInteger.ONE;
        for (int i = 0; i < UNITS.length; i++) {
            BigInteger factor = FACTORS[i];
            if (bytes.compareTo(factor) >= 0
                    && factor.compareTo(bestFactor) > 0
                    && thousandths.mod(factor).signum() == 0) {
                bestFactor = factor;
                BigDecimal value =
                        new BigDecimal(bytes).divide(new BigDecimal(factor)).stripTrailingZeros();
                best = value.toPlainString() + " " + UNITS[i];
            }
        }
        return best;
    }
}
