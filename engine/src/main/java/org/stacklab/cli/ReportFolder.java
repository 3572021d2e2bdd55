package org.stacklab.cli;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;

/**
 * The folder a run writes its reports to. StackLab writes only into a folder that is new,
 * empty, or marked as its own by an earlier run, so nothing the user wrote is overwritten.
 *
 * <p>A run never writes through a link and never into a folder another user owns. Its files
 * are written aside, in {@value #STAGING}, and renamed into place only when all are whole
 * (rename replaces a link itself, never its target); until then the marker says the folder is
 * incomplete. A lock keeps two runs out of one folder, and files of formats not chosen this
 * time are removed, so the folder holds exactly one run.
 */
final class ReportFolder implements Closeable {
    static final String MARKER = ".stacklab-reports";
    static final String LOCK = ".stacklab-lock";
    static final String STAGING = ".stacklab-writing";
    /** The files StackLab may have written here before; only these are ever replaced or removed. */
    private static final List<String> OURS = reportFiles();

    /** Opens a report file for writing; tests give one that fails as a full disk does. */
    interface Streams {
        OutputStream open(Path file) throws IOException;

        Streams FILES = f -> Files.newOutputStream(f, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS);
    }

    private final Path dir;
    private final Path staging;
    private final String previous;
    private final FileChannel lockFile;
    private final FileLock lock;

    private ReportFolder(Path dir, String previous, FileChannel lockFile, FileLock lock) {
        this.dir = dir;
        this.staging = dir.resolve(STAGING);
        this.previous = previous;
        this.lockFile = lockFile;
        this.lock = lock;
    }

    Path dir() {
        return dir;
    }

    /** Checks, creates and locks {@code dir}, and marks it incomplete until {@link #commit}. */
    static ReportFolder open(Path dir) throws UsageException {
        try {
            if (Files.exists(dir) && !Files.isDirectory(dir)) {
                throw refused(dir, "it is " + PathKind.describe(dir) + ", not a folder");
            }
            if (Files.isDirectory(dir) && !Files.exists(dir.resolve(MARKER), LinkOption.NOFOLLOW_LINKS) && !isEmpty(dir)) {
                throw new UsageException("refusing to write reports into " + dir
                        + ": it holds files StackLab did not write; choose a new or empty folder with --out");
            }
            Files.createDirectories(dir);
            checkOwner(dir);
            for (String f : List.of(MARKER, LOCK, STAGING)) {
                if (Files.isSymbolicLink(dir.resolve(f))) {
                    throw refused(dir, f + " is a symbolic link; StackLab never writes through a link");
                }
            }
            FileChannel ch = FileChannel.open(dir.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    LinkOption.NOFOLLOW_LINKS);
            FileLock lock;
            try {
                lock = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null; // held by this same process (tests run several commands in one JVM)
            }
            if (lock == null) {
                ch.close();
                throw refused(dir, "another stacklab run is writing reports into it; wait for it or choose another --out");
            }
            Path marker = dir.resolve(MARKER);
            String previous = Files.isRegularFile(marker, LinkOption.NOFOLLOW_LINKS)
                    ? Files.readString(marker, StandardCharsets.UTF_8) : "";
            ReportFolder folder = new ReportFolder(dir, previous, ch, lock);
            folder.mark("INCOMPLETE: a StackLab run is writing its reports here. If none is running, it was"
                    + " interrupted: the report files beside this marker are from an earlier run, or partial.\n");
            folder.clearStaging();
            Files.createDirectory(folder.staging);
            return folder;
        } catch (IOException e) {
            throw new UsageException("cannot write reports to " + dir + ": " + IoProblem.describe(e));
        }
    }

    /** A new report file in the staging folder (never an existing file, never through a link). */
    OutputStream create(String name, Streams streams) throws IOException {
        return streams.open(staging.resolve(name));
    }

    /** A folder of report files (per-host captures) in the staging folder, made new. */
    Path createFolder(String name) throws IOException {
        return Files.createDirectory(staging.resolve(name));
    }

    /** Moves the whole run into place, removes stale files of other formats, marks the folder complete. */
    void commit(List<String> written, String note) throws IOException {
        for (String f : OURS) {
            if (!written.contains(f) || f.endsWith("/")) {
                deleteOurs(dir.resolve(f));
            }
        }
        for (String f : written) {
            Files.move(staging.resolve(f), dir.resolve(f), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        }
        clearStaging();
        mark("Reports written by StackLab; safe to delete or overwrite.\nOne whole run: " + String.join(", ", written)
                + "\n" + (note == null ? "" : note + "\n"));
    }

    /** Gives up on this run's files; the folder keeps the earlier run's and says so. */
    void abandon(String why) {
        try {
            clearStaging();
            String before = previous.startsWith("Reports written by StackLab") ? previous : "";
            mark(before + "Note: a later run could not write its reports (" + why + "); "
                    + (before.isEmpty() ? "the report files here are not one whole run.\n"
                            : "the files listed above are still the earlier run's.\n"));
        } catch (IOException e) {
            // the disk refused even the marker; the INCOMPLETE marker written at open stays
        }
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            lockFile.close();
        }
    }

    /** Writes the marker aside and renames it into place, so it is never half written. */
    private void mark(String text) throws IOException {
        Path aside = dir.resolve(MARKER + ".new");
        Files.deleteIfExists(aside);
        try (OutputStream os = Streams.FILES.open(aside)) {
            os.write(text.getBytes(StandardCharsets.UTF_8));
        }
        Files.move(aside, dir.resolve(MARKER), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Removes the staging folder of this or an interrupted run (only entries in it, never what a link points at). */
    private void clearStaging() throws IOException {
        if (!Files.exists(staging, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (!Files.isDirectory(staging, LinkOption.NOFOLLOW_LINKS)) {
            Files.delete(staging);
            return;
        }
        deleteOurs(staging);
    }

    /**
     * Deletes a report file, or a report folder with the files in it (per-host captures); a link
     * is deleted itself, never what it points at.
     */
    private static void deleteOurs(Path p) throws IOException {
        if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
            try (DirectoryStream<Path> s = Files.newDirectoryStream(p)) {
                for (Path q : s) {
                    if (Files.isDirectory(q, LinkOption.NOFOLLOW_LINKS)) {
                        deleteOurs(q);
                    } else {
                        Files.delete(q);
                    }
                }
            }
        }
        Files.deleteIfExists(p);
    }

    private static void checkOwner(Path dir) throws IOException, UsageException {
        Object me;
        Object owner;
        try {
            me = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
            owner = Files.getAttribute(dir, "unix:uid");
        } catch (UnsupportedOperationException | IllegalArgumentException | FileSystemException e) {
            return; // not a Unix file system: no owner to compare
        }
        if (!me.equals(owner)) {
            throw refused(dir, "it belongs to another user (uid " + owner + "); choose a folder of your own with --out");
        }
    }

    private static UsageException refused(Path dir, String why) {
        return new UsageException("cannot write reports to " + dir + ": " + why);
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        }
    }

    private static List<String> reportFiles() {
        return Stream.of(Formats.values()).map(f -> f.file).toList();
    }
}
