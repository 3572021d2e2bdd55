package org.stacklab.cli.bench;

/** A flat JSON object whose keys keep the order they were put in. */
final class Json {
    private final StringBuilder sb = new StringBuilder("{");

    Json put(String k, Object v) {
        if (sb.length() > 1) {
            sb.append(",");
        }
        sb.append("\n  \"").append(k).append("\": ");
        if (v instanceof String s) {
            sb.append('"').append(s.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        } else if (v instanceof Double d) {
            sb.append(Double.isFinite(d) ? new java.math.BigDecimal(d).round(new java.math.MathContext(6))
                    .stripTrailingZeros().toPlainString() : "null");
        } else {
            sb.append(v);
        }
        return this;
    }

    /** Appends every key of {@code other}, in its order. */
    Json putAll(Json other) {
        if (other.sb.length() > 1) {
            if (sb.length() > 1) {
                sb.append(",");
            }
            sb.append(other.sb, 1, other.sb.length());
        }
        return this;
    }

    @Override
    public String toString() {
        return sb + "\n}\n";
    }
}
