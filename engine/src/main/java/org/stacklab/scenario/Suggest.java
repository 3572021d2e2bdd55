package org.stacklab.scenario;

import java.util.Collection;
import java.util.Locale;

/** Finds the known word a misspelt one was probably meant to be ("did you mean 'latency'?"). */
public final class Suggest {
    /** Largest edit distance still worth suggesting. */
    static final int MAX_DISTANCE = 2;

    private Suggest() {}

    /**
     * The candidate closest to {@code word} by edit distance (a swap of neighbours counts as one
     * edit), if within {@link #MAX_DISTANCE} and shorter than the word itself; else null.
     */
    public static String closest(String word, Collection<String> candidates) {
        if (word == null || word.isEmpty() || word.length() > 64) {
            return null;
        }
        String w = word.toLowerCase(Locale.ROOT);
        int limit = Math.min(MAX_DISTANCE, w.length() - 1);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : candidates) {
            int d = distance(w, c.toLowerCase(Locale.ROOT));
            if (d <= limit && d < bestDistance && !c.equals(word)) {
                best = c;
                bestDistance = d;
            }
        }
        return best;
    }

    /** {@code "; did you mean 'x'?"} or {@code alternative} when nothing is close. */
    static String didYouMean(String word, Collection<String> candidates, String alternative) {
        String c = closest(word, candidates);
        return c != null ? "; did you mean '" + c + "'?" : alternative;
    }

    /** Optimal string alignment distance: insertions, deletions, substitutions, adjacent swaps. */
    static int distance(String a, String b) {
        if (Math.abs(a.length() - b.length()) > MAX_DISTANCE + 1 || b.length() > 64) {
            return Integer.MAX_VALUE;
        }
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
