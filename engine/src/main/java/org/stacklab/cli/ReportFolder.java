package org.stacklab.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The folder a run writes its reports to. StackLab writes only into a folder that is new,
 * empty, or marked as its own by an earlier run, so nothing the user wrote is overwritten.
 */
final class ReportFolder {
    static final String MARKER = ".stacklab-reports";

    private ReportFolder() {}

    static Path prepare(Path dir) throws UsageException {
        try {
            if (Files.exists(dir) && !Files.isDirectory(dir)) {
                throw new UsageException("cannot write reports to " + dir + ": it is a file, not a folder");
            }
            if (Files.isDirectory(dir) && !Files.exists(dir.resolve(MARKER)) && !isEmpty(dir)) {
                throw new UsageException("refusing to write reports into " + dir
                        + ": it holds files StackLab did not write; choose a new or empty folder with --out");
            }
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(MARKER), "Reports written by StackLab; safe to delete or overwrite.\n");
            return dir;
        } catch (IOException e) {
            throw new UsageException("cannot write reports to " + dir + ": " + e.getMessage());
        }
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        }
    }
}
