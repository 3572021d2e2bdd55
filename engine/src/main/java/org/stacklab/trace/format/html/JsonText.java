package org.stacklab.trace.format.html;

/**
 * JSON strings safe inside an HTML {@code <script>} element: besides JSON's own escapes,
 * {@code <}, {@code >}, {@code &} and the two line separators are written as {@code \}{@code uXXXX},
 * so that no text from a scenario can close the element or start a comment.
 */
final class JsonText {
    private JsonText() {}

    /** Appends {@code s} as a JSON string, or {@code null}. */
    static StringBuilder str(StringBuilder sb, String s) {
        if (s == null) {
            return sb.append("null");
        }
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                case '\r' -> sb.append("\\r");
                default -> {
                    if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029') {
                        sb.append("\\u").append(String.format(java.util.Locale.ROOT, "%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"');
    }
}
