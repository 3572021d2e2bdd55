package org.stacklab.cli;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Says what a path is when it is not the regular file or folder a command wanted. */
final class PathKind {
    private static final int S_IFMT = 0170000;

    private PathKind() {}

    /** E.g. {@code a character device}, {@code a FIFO (named pipe)}, {@code a symbolic link loop}. */
    static String describe(Path p) {
        try {
            int mode = (Integer) Files.getAttribute(p, "unix:mode");
            return switch (mode & S_IFMT) {
                case 0010000 -> "a FIFO (named pipe)";
                case 0020000 -> "a character device";
                case 0040000 -> "a folder";
                case 0060000 -> "a block device";
                case 0100000 -> "a regular file";
                case 0140000 -> "a socket";
                default -> "not a regular file";
            };
        } catch (NoSuchFileException e) {
            return Files.isSymbolicLink(p) ? "a symbolic link to nothing (" + target(p) + " does not exist)"
                    : "not there (no such file)";
        } catch (FileSystemException e) {
            String r = e.getReason() == null ? "" : e.getReason();
            if (r.contains("symbolic links")) {
                return "a symbolic link loop";
            }
            return "unreadable (" + IoProblem.reason(e) + ")";
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | ClassCastException e) {
            return Files.isDirectory(p) ? "a folder" : Files.exists(p, LinkOption.NOFOLLOW_LINKS) ? "not a regular file"
                    : "not there (no such file)";
        }
    }

    private static String target(Path p) {
        try {
            return String.valueOf(Files.readSymbolicLink(p));
        } catch (IOException e) {
            return "its target";
        }
    }
}
