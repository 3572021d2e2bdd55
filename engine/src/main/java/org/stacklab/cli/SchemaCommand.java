package org.stacklab.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.stacklab.scenario.ScenarioSchema;

/** {@code stacklab schema [--out FILE]}: the JSON Schema of the scenario format. */
final class SchemaCommand {
    private SchemaCommand() {}

    static int run(String[] args, PrintStream out) throws UsageException {
        Path file = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--out") && i + 1 < args.length) {
                file = Path.of(args[++i]);
            } else if (args[i].startsWith("--out=")) {
                file = Path.of(args[i].substring("--out=".length()));
            } else {
                throw new UsageException("schema: unexpected argument '" + args[i] + "' (see stacklab schema --help)");
            }
        }
        String json = ScenarioSchema.json();
        if (file == null) {
            out.print(json);
            return Exit.OK;
        }
        try {
            Files.writeString(file, json, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UsageException("schema: cannot write " + file + ": " + e.getMessage());
        }
        return Exit.OK;
    }
}
