package org.stacklab.cli.bench;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * A tiny printf for the bench output: {@code %d}, {@code %s}, {@code %.Nf}, an optional width,
 * {@code %n} and {@code %%}. Not {@link String#format}: java.util.Formatter's first use costs about
 * 20 ms, which would be a tenth of a short benchmark's whole process.
 */
final class Fmt {
    private Fmt() {}

    static String f(String pattern, Object... args) {
        StringBuilder sb = new StringBuilder(pattern.length() + 32);
        int next = 0;
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c != '%') {
                sb.append(c);
                continue;
            }
            int j = i + 1;
            int width = 0;
            while (Character.isDigit(pattern.charAt(j))) {
                width = width * 10 + (pattern.charAt(j++) - '0');
            }
            int precision = -1;
            if (pattern.charAt(j) == '.') {
                precision = 0;
                j++;
                while (Character.isDigit(pattern.charAt(j))) {
                    precision = precision * 10 + (pattern.charAt(j++) - '0');
                }
            }
            char conv = pattern.charAt(j);
            String s;
            switch (conv) {
                case 'n' -> s = "\n";
                case '%' -> s = "%";
                case 'd', 's' -> s = String.valueOf(args[next++]);
                case 'f' -> s = fixed(((Number) args[next++]).doubleValue(), precision < 0 ? 6 : precision);
                default -> throw new IllegalArgumentException("Fmt: %" + conv + " in " + pattern);
            }
            for (int k = s.length(); k < width; k++) {
                sb.append(' ');
            }
            sb.append(s);
            i = j;
        }
        return sb.toString();
    }

    /** {@code x} with {@code decimals} digits after the point, rounded half up; "NaN" and "Infinity" as Java writes them. */
    static String fixed(double x, int decimals) {
        if (!Double.isFinite(x)) {
            return Double.toString(x);
        }
        return BigDecimal.valueOf(x).setScale(decimals, RoundingMode.HALF_UP).toPlainString();
    }
}
