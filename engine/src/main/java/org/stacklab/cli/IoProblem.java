package org.stacklab.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

/**
 * Names what went wrong with a file in the system's own words ({@code No space left on device},
 * {@code Too many open files}) with advice, instead of an exception's class name.
 */
final class IoProblem {
    static final String ENOSPC = "No space left on device";
    static final String EMFILE = "Too many open files";

    private IoProblem() {}

    /** The reason alone, e.g. {@code No space left on device}. */
    static String reason(Throwable e) {
        if (e instanceof UncheckedIOException u && u.getCause() != null) {
            return reason(u.getCause());
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException n) {
            return "no such file or folder: " + n.getFile();
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m;
    }

    /** The reason with advice for the causes a user can fix. */
    static String describe(Throwable e) {
        String r = reason(e);
        if (r.contains(ENOSPC)) {
            return r + " (free some space, or choose another folder with --out)";
        }
        if (r.contains(EMFILE) || r.contains("Too many open files in system")) {
            return r + " (raise the limit with 'ulimit -n', or close other programs)";
        }
        return r;
    }

    /** True when {@code e} is a file-system problem, not a bug: a full disk, no file handles. */
    static boolean isEnvironmental(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IOException) {
                return true;
            }
        }
        return false;
    }
}
