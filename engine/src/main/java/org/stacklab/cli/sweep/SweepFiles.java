package org.stacklab.cli.sweep;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.stacklab.scenario.Scenario;

/** Writes sweep.csv and sweep.svg, each aside first and then renamed into place whole. */
final class SweepFiles {
    private SweepFiles() {}

    static void write(Path dir, Scenario base, List<SweepPlan.Param> params, List<SweepPlan.Combo> combos,
            List<Map<String, Number>> rows, String metric, String xKey, int xIndex) throws SweepCommand.BadRequest {
        StringBuilder csv = new StringBuilder("run,seed");
        for (SweepPlan.Param p : params) {
            csv.append(',').append(cell(p.key()));
        }
        for (String m : SweepRun.METRICS) {
            csv.append(',').append(m);
        }
        csv.append('\n');
        List<SweepPlot.Point> points = new ArrayList<>();
        for (int i = 0; i < combos.size(); i++) {
            SweepPlan.Combo c = combos.get(i);
            csv.append(c.index() + 1).append(',').append(c.seed());
            for (String v : c.values()) {
                csv.append(',').append(cell(v));
            }
            Map<String, Number> r = rows.get(i);
            for (String m : SweepRun.METRICS) {
                csv.append(',').append(format(r.get(m)));
            }
            csv.append('\n');
            Number y = r.get(metric);
            if (y != null) {
                String x = xIndex < 0 ? Long.toString(c.seed()) : c.values().get(xIndex);
                points.add(new SweepPlot.Point(x, series(params, c, xIndex), y.doubleValue()));
            }
        }
        List<String> xValues = new ArrayList<>();
        if (xIndex < 0) {
            for (SweepPlan.Combo c : combos) {
                String s = Long.toString(c.seed());
                if (!xValues.contains(s)) {
                    xValues.add(s);
                }
            }
        } else {
            xValues.addAll(params.get(xIndex).values());
        }
        String svg = SweepPlot.svg(base.name() + ": " + metric + " against " + xKey, xKey, xValues, metric, points);
        try {
            if (Files.isSymbolicLink(dir)) {
                throw new SweepCommand.BadRequest("--out " + dir + " is a symbolic link; name a real folder");
            }
            if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                throw new SweepCommand.BadRequest("--out " + dir + " is not a folder");
            }
            Files.createDirectories(dir);
            put(dir, "sweep.csv", csv.toString());
            put(dir, "sweep.svg", svg);
        } catch (IOException e) {
            throw new SweepCommand.BadRequest("cannot write the sweep's reports to " + dir + ": " + e.getMessage());
        }
    }

    /** Writes aside, then renames over the old file: a reader sees the old file or the new, whole. */
    private static void put(Path dir, String name, String text) throws IOException {
        Path tmp = Files.createTempFile(dir, "." + name + ".", ".part");
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static String series(List<SweepPlan.Param> params, SweepPlan.Combo c, int xIndex) {
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < params.size(); k++) {
            if (k != xIndex) {
                sb.append(sb.length() == 0 ? "" : " ").append(params.get(k).key()).append('=').append(c.values().get(k));
            }
        }
        return sb.toString();
    }

    /** Integers as they are; fractions to 9 significant digits, never in a locale's format. */
    static String format(Number n) {
        if (n == null) {
            return "";
        }
        if (n instanceof Double d) {
            if (d.isNaN() || d.isInfinite()) {
                return "";
            }
            return new BigDecimal(d).round(MathContext.DECIMAL64).round(new MathContext(9)).stripTrailingZeros()
                    .toPlainString();
        }
        return n.toString();
    }

    private static String cell(String v) {
        if (v.contains(",") || v.contains("\"") || v.contains("\n")) {
            return "\"" + v.replace("\"", "\"\"") + "\"";
        }
        return v;
    }
}
