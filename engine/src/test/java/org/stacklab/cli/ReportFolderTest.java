package org.stacklab.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 13 items 1-2: report files never through a link, one whole run per folder, a full disk said as such. */
class ReportFolderTest {
    @TempDir
    Path tmp;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Main.run(args, print(out), print(err));
    }

    private static PrintStream print(ByteArrayOutputStream b) {
        return new PrintStream(b, true, StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private Path scenario() throws IOException {
        Path p = tmp.resolve("t.yaml");
        Files.writeString(p, CliTest.GOOD);
        return p;
    }

    private Set<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return new TreeSet<>(s.map(p -> p.getFileName().toString()).toList());
        }
    }

    @Test
    void aReportFileThatIsALinkIsReplacedAndItsTargetLeftAlone() throws IOException {
        Path dir = tmp.resolve("out");
        assertEquals(0, run("run", scenario().toString(), "--out", dir.toString()), err());
        Path victim = Files.writeString(tmp.resolve("precious.txt"), "mine\n");
        for (Formats f : java.util.EnumSet.complementOf(java.util.EnumSet.of(Formats.HOSTS))) {
            Files.delete(dir.resolve(f.file));
            Files.createSymbolicLink(dir.resolve(f.file), victim);
        }
        assertEquals(0, run("run", scenario().toString(), "--out", dir.toString()), err());
        assertEquals("mine\n", Files.readString(victim));
        for (Formats f : java.util.EnumSet.complementOf(java.util.EnumSet.of(Formats.HOSTS))) {
            assertFalse(Files.isSymbolicLink(dir.resolve(f.file)), f.file);
            assertTrue(Files.size(dir.resolve(f.file)) > 0, f.file);
        }
    }

    @Test
    void aMarkerOrLockThatIsALinkIsRefused() throws IOException {
        for (String name : List.of(ReportFolder.MARKER, ReportFolder.LOCK, ReportFolder.STAGING)) {
            Path dir = Files.createDirectories(tmp.resolve("o-" + name));
            Path victim = Files.writeString(tmp.resolve("victim-" + name), "mine\n");
            if (!name.equals(ReportFolder.MARKER)) {
                Files.writeString(dir.resolve(ReportFolder.MARKER), "Reports written by StackLab\n");
            }
            Files.createSymbolicLink(dir.resolve(name), victim);
            err.reset();
            assertEquals(2, run("run", scenario().toString(), "--out", dir.toString()), name);
            assertTrue(err().contains("symbolic link"), err());
            assertEquals("mine\n", Files.readString(victim));
        }
    }

    @Test
    void aFolderOfAnotherUserIsRefused() throws IOException {
        boolean root = "0".equals(String.valueOf(Files.getAttribute(Path.of("/proc/self"), "unix:uid")));
        if (!root) {
            Assumptions.assumeTrue("true".equals(System.getenv("CI")), "needs root to give a folder to another user");
        }
        Path dir = Files.createDirectories(tmp.resolve("theirs"));
        Files.setAttribute(dir, "unix:uid", 65534);
        assertEquals(2, run("run", scenario().toString(), "--out", dir.toString()));
        assertTrue(err().contains("belongs to another user (uid 65534)"), err());
        assertEquals(Set.of(), names(dir));
    }

    @Test
    void filesOfFormatsNotChosenThisTimeAreRemoved() throws IOException {
        Path dir = tmp.resolve("out");
        assertEquals(0, run("run", scenario().toString(), "--out", dir.toString()), err());
        assertEquals(0, run("run", scenario().toString(), "--out", dir.toString(), "--format", "text"), err());
        assertEquals(Set.of(ReportFolder.LOCK, ReportFolder.MARKER, "trace.txt"), names(dir));
        assertTrue(Files.readString(dir.resolve(ReportFolder.MARKER)).contains("One whole run: trace.txt"));
    }

    @Test
    void perHostCapturesMoveInWithTheRunAndLeaveWithIt() throws IOException {
        Path dir = tmp.resolve("out");
        Path victim = Files.writeString(tmp.resolve("precious.txt"), "mine\n");
        assertEquals(0, run("run", scenario().toString(), "--out", dir.toString(), "--format", "text,hosts"), err());
        assertEquals(Set.of("a.pcapng", "b.pcapng"), names(dir.resolve("hosts")));
        Files.delete(dir.resolve("hosts/a.pcapng"));
        Files.createSymbolicLink(dir.resolve("hosts/a.pcapng"), victim);
        assertEquals(0, run("run", scenario().toString(), "--out", dir.toString(), "--format", "text,hosts"), err());
        assertEquals("mine\n", Files.readString(victim), "the old folder's link is removed, not written through");
        assertFalse(Files.isSymbolicLink(dir.resolve("hosts/a.pcapng")));
        assertTrue(Files.size(dir.resolve("hosts/a.pcapng")) > 0);
        assertEquals(0, run("run", scenario().toString(), "--out", dir.toString(), "--format", "text"), err());
        assertEquals(Set.of(ReportFolder.LOCK, ReportFolder.MARKER, "trace.txt"), names(dir));
        assertEquals("mine\n", Files.readString(victim));
    }

    @Test
    void aSecondRunIntoAFolderBeingWrittenIsRefused() throws IOException, UsageException {
        Path dir = tmp.resolve("out");
        try (ReportFolder busy = ReportFolder.open(dir)) {
            assertEquals(2, run("run", scenario().toString(), "--out", dir.toString()));
            assertTrue(err().contains("another stacklab run is writing reports into it"), err());
        }
        assertEquals(0, run("run", scenario().toString(), "--out", dir.toString()), err());
    }

    @Test
    void anInterruptedRunLeavesTheEarlierRunWholeAndSaysSo() throws IOException, UsageException {
        Path dir = tmp.resolve("out");
        assertEquals(0, run("run", scenario().toString(), "--out", dir.toString()), err());
        byte[] before = Files.readAllBytes(dir.resolve("trace.txt"));
        ReportFolder f = ReportFolder.open(dir);
        try (OutputStream os = f.create("trace.txt", ReportFolder.Streams.FILES)) {
            os.write("half a line".getBytes(StandardCharsets.UTF_8));
        }
        f.close(); // the process dies here: no commit
        assertArrayEquals(before, Files.readAllBytes(dir.resolve("trace.txt")));
        assertTrue(Files.readString(dir.resolve(ReportFolder.MARKER)).startsWith("INCOMPLETE"));
        assertEquals(0, run("run", scenario().toString(), "--out", dir.toString()), err());
        assertFalse(Files.exists(dir.resolve(ReportFolder.STAGING)));
    }

    /** A writer that fails as write(2) does on a full disk once {@code room} bytes are written. */
    private static ReportFolder.Streams fullDisk(int room) {
        return file -> new OutputStream() {
            private int used;
            private final OutputStream real = ReportFolder.Streams.FILES.open(file);

            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                if (used + len > room) {
                    throw new FileSystemException(file.toString(), null, "No space left on device");
                }
                used += len;
                real.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                real.close();
            }
        };
    }

    @Test
    void aFullDiskIsSaidAsSuchTheSummaryIsPrintedAndTheEarlierRunKept() throws IOException {
        Path dir = tmp.resolve("out");
        assertEquals(0, run("run", scenario().toString(), "--out", dir.toString()), err());
        byte[] before = Files.readAllBytes(dir.resolve("trace.jsonl"));
        RunCommand full = new RunCommand(print(out), print(err), fullDisk(100), Progress.HEARTBEAT_NS);
        out.reset();
        int status;
        try {
            status = full.run(new String[] {scenario().toString(), "--out", dir.toString()});
        } catch (UsageException e) {
            throw new AssertionError(e);
        }
        assertEquals(2, status);
        assertTrue(err().contains("cannot write reports: No space left on device"), err());
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("expectations: 1 held, 0 failed"), out.toString());
        assertArrayEquals(before, Files.readAllBytes(dir.resolve("trace.jsonl")));
        assertTrue(Files.readString(dir.resolve(ReportFolder.MARKER)).contains("could not write its reports (No space left on device)"));
        assertFalse(Files.exists(dir.resolve(ReportFolder.STAGING)));
    }
}
