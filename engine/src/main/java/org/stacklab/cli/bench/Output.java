package org.stacklab.cli.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where the bench prints (its two streams) and writes its results ({@code DIR/NAME.json}). */
final class Output {
    final PrintStream out;
    final PrintStream err;
    final Path reportDir;

    Output(PrintStream out, PrintStream err, Path reportDir) {
        this.out = out;
        this.err = err;
        this.reportDir = reportDir;
    }

    void write(String name, Json j) {
        Path f = reportDir.resolve(name + ".json");
        try {
            Files.writeString(f, j.toString(), StandardCharsets.UTF_8);
            out.println("  results    " + f);
        } catch (IOException e) {
            err.println("stacklab: cannot write " + f + ": " + e.getMessage());
        }
    }


    static String si(double v) {
        if (v >= 1e6) {
            return Fmt.f("%.2fM", v / 1e6);
        }
        if (v >= 1e3) {
            return Fmt.f("%.1fk", v / 1e3);
        }
        return Fmt.f("%.0f", v);
    }
}
