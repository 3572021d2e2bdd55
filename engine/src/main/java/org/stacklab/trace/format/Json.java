package org.stacklab.trace.format;

import java.util.Locale;

/** A minimal JSON object builder writing keys in the order given, for deterministic output. */
final class Json {
    private final StringBuilder sb;
    private boolean first = true;

    Json(StringBuilder sb) {
        this.sb = sb;
        sb.append('{');
    }

    Json str(String key, String value) {
        key(key);
        if (value == null) {
            sb.append("null");
        } else {
            quote(sb, value);
        }
        return this;
    }

    Json num(String key, long value) {
        key(key);
        sb.append(value);
        return this;
    }

    Json bool(String key, boolean value) {
        key(key);
        sb.append(value);
        return this;
    }

    /** Starts a raw value (an array or object written by the caller). */
    StringBuilder raw(String key) {
        key(key);
        return sb;
    }

    void end() {
        sb.append('}');
    }

    private void key(String k) {
        if (!first) {
            sb.append(',');
        }
        first = false;
        quote(sb, k);
        sb.append(':');
    }

    static void quote(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
