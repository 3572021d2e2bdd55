package org.stacklab.scenario;

/**
 * Process-name globs of the {@code expect} block: {@code *} matches any run of characters.
 *
 * <p>Matched greedily with one remembered star: on a mismatch the last star swallows one more
 * character and matching resumes after it. Earlier stars never need revisiting (a later star
 * can absorb whatever they would have), so the work is at most (|glob|+1)·(|name|+1) steps,
 * never the exponential backtracking of trying every split for every star.
 */
public final class Glob {
    private Glob() {}

    public static boolean matches(String glob, String name) {
        return glob == null || steps(glob, name) >= 0;
    }

    /** The comparisons a match took (for tests of the bound), or -1 when it does not match. */
    static long steps(String g, String s) {
        int gi = 0;
        int si = 0;
        int star = -1;
        int resume = 0;
        long steps = 0;
        while (si < s.length()) {
            steps++;
            if (gi < g.length() && g.charAt(gi) == '*') {
                star = gi++;
                resume = si;
            } else if (gi < g.length() && g.charAt(gi) == s.charAt(si)) {
                gi++;
                si++;
            } else if (star >= 0) {
                gi = star + 1;
                si = ++resume;
            } else {
                return -1;
            }
        }
        while (gi < g.length() && g.charAt(gi) == '*') {
            gi++;
            steps++;
        }
        return gi == g.length() ? steps : -1;
    }
}
