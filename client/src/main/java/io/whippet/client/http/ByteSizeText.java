package io.whippet.client.http;

import java.math.BigDecimal;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the byte sizes the REST API writes as text ({@code "0 B"}, {@code "100.132 KB"}, {@code
 * "1 KiB"}: decimal or binary units, at most three decimals) back into a number of bytes. A plain
 * number is taken as bytes.
 */
final class ByteSizeText {
    private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?) ?([KMGTPE]?i?B)?");
    private static final String UNITS = "BKMGTPE";

    private ByteSizeText() {}

    static long parse(String text) {
        Matcher m = SIZE.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("size: " + text + " (expected: <number> [unit], e.g. 1.5 KB)");
        }
        String unit = m.group(2) == null ? "B" : m.group(2);
        BigDecimal base = BigDecimal.valueOf(unit.contains("i") ? 1024 : 1000);
        BigDecimal bytes = new BigDecimal(m.group(1)).multiply(base.pow(UNITS.indexOf(unit.charAt(0))));
        // Three decimals of a large unit can fall between bytes; round to the nearest one.
        return bytes.setScale(0, java.math.RoundingMode.HALF_UP).longValueExact();
    }
}
