package org.stacklab.bridge;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The process's descriptor limit, for the one message a run that meets it prints. */
final class Limits {
    private Limits() {}

    static String descriptors(int errno) {
        String which = errno == 23 ? "the system ran out of file descriptors (ENFILE)"
                : "the bridge ran out of file descriptors (EMFILE: its limit is " + softLimit() + ")";
        return which + ": the real run stopped there and is not compared after it; raise the limit with `ulimit -n`";
    }

    private static String softLimit() {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/self/limits"))) {
                if (l.startsWith("Max open files")) {
                    return l.substring("Max open files".length()).trim().split("\\s+")[0];
                }
            }
        } catch (IOException | RuntimeException e) {
            // unknown
        }
        return "unknown";
    }
}
