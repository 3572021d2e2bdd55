package org.stacklab.scenario;

/** Process-name globs of the {@code expect} block: {@code *} matches any run of characters. */
public final class Glob {
    private Glob() {}

    public static boolean matches(String glob, String name) {
        if (glob == null) {
            return true;
        }
        return match(glob, 0, name, 0);
    }

    private static boolean match(String g, int gi, String s, int si) {
        while (gi < g.length()) {
            char c = g.charAt(gi);
            if (c == '*') {
                for (int k = si; k <= s.length(); k++) {
                    if (match(g, gi + 1, s, k)) {
                        return true;
                    }
                }
                return false;
            }
            if (si >= s.length() || s.charAt(si) != c) {
                return false;
            }
            gi++;
            si++;
        }
        return si == s.length();
    }
}
