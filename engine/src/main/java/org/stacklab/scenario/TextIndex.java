package org.stacklab.scenario;

import java.util.ArrayList;
import java.util.List;

/**
 * Maps the YAML parser's positions (lines and columns counted in code points, with YAML's line
 * breaks) back to the characters of the file.
 */
final class TextIndex {
    private final String text;
    private final int[] lineStarts;

    TextIndex(String text) {
        this.text = text;
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                continue;
            }
            if (c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029') {
                starts.add(i + 1);
            }
        }
        lineStarts = new int[starts.size()];
        for (int i = 0; i < lineStarts.length; i++) {
            lineStarts[i] = starts.get(i);
        }
    }

    /** The code point at 1-based {@code pos}, or -1 when the position is outside the text. */
    int charAt(Pos pos) {
        int line = pos.line() - 1;
        if (line < 0 || line >= lineStarts.length) {
            return -1;
        }
        try {
            int i = text.offsetByCodePoints(lineStarts[line], pos.column() - 1);
            return i < text.length() ? text.codePointAt(i) : -1;
        } catch (IndexOutOfBoundsException e) {
            return -1;
        }
    }

    /** The 1-based position of the {@code n}th code point (0-based) of the text. */
    Pos posOfCodePoint(int n) {
        int offset;
        try {
            offset = text.offsetByCodePoints(0, Math.max(0, n));
        } catch (IndexOutOfBoundsException e) {
            offset = text.length();
        }
        int line = 0;
        while (line + 1 < lineStarts.length && lineStarts[line + 1] <= offset) {
            line++;
        }
        int column = text.codePointCount(lineStarts[line], offset) + 1;
        return new Pos(line + 1, column);
    }
}
