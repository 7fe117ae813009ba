package io.whippet.bench;

import java.util.Locale;

/**
 * A tiny streaming JSON writer: enough for {@code report.json} without a JSON library. Commas are
 * inserted automatically; the caller keeps objects and arrays balanced.
 */
final class JsonWriter {
    private final StringBuilder out = new StringBuilder();
    private boolean needsComma;

    JsonWriter beginObject() {
        separator();
        out.append('{');
        needsComma = false;
        return this;
    }

    JsonWriter endObject() {
        out.append('}');
        needsComma = true;
        return this;
    }

    JsonWriter beginArray() {
        separator();
        out.append('[');
        needsComma = false;
        return this;
    }

    JsonWriter endArray() {
        out.append(']');
        needsComma = true;
        return this;
    }

    /** Writes {@code "name":} — follow with a value, object or array. */
    JsonWriter name(String name) {
        separator();
        string(name);
        out.append(':');
        needsComma = false;
        return this;
    }

    JsonWriter value(String text) {
        separator();
        string(text);
        needsComma = true;
        return this;
    }

    JsonWriter value(long number) {
        separator();
        out.append(number);
        needsComma = true;
        return this;
    }

    JsonWriter value(double number) {
        separator();
        out.append(Double.isFinite(number) ? String.format(Locale.ROOT, "%.4f", number) : "null");
        needsComma = true;
        return this;
    }

    JsonWriter value(boolean flag) {
        separator();
        out.append(flag);
        needsComma = true;
        return this;
    }

    JsonWriter field(String name, String text) {
        return name(name).value(text);
    }

    JsonWriter field(String name, long number) {
        return name(name).value(number);
    }

    JsonWriter field(String name, double number) {
        return name(name).value(number);
    }

    JsonWriter field(String name, boolean flag) {
        return name(name).value(flag);
    }

    JsonWriter array(String name, double[] values) {
        name(name).beginArray();
        for (double value : values) {
            value(value);
        }
        return endArray();
    }

    private void separator() {
        if (needsComma) {
            out.append(',');
        }
    }

    private void string(String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
