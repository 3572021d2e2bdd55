package org.stacklab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 13 items 5, 6 and 9: odd paths, huge files and small lies on the command line, each named for what it is. */
class InputsTest {
    @TempDir
    Path tmp;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        err.reset();
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aHugeFileIsRefusedAtOnceBeforeItIsParsed() throws IOException {
        Path big = tmp.resolve("big.yaml");
        byte[] line = ("description: \"" + "x".repeat(1 << 20) + "\"\n").getBytes(StandardCharsets.UTF_8);
        try (var os = Files.newOutputStream(big)) {
            for (int i = 0; i < 50; i++) {
                os.write(line);
            }
        }
        assertEquals(2, run("check", big.toString()));
        assertEquals(big + ":1:1: file too large (51 MB; limit 4 MB)\n", err());
    }

    @Test
    void aDeviceAFifoAndALinkLoopAreEachCalledWhatTheyAre() throws IOException, InterruptedException {
        assertEquals(2, run("check", "/dev/zero"));
        assertEquals("stacklab: /dev/zero is a character device, not a scenario file\n", err());
        Path fifo = tmp.resolve("pipe.yaml");
        Process p = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertTrue(p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0);
        assertEquals(2, run("check", fifo.toString()));
        assertTrue(err().contains("is a FIFO (named pipe), not a scenario file"), err());
        Path a = tmp.resolve("a.yaml");
        Path b = tmp.resolve("b.yaml");
        Files.createSymbolicLink(a, b);
        Files.createSymbolicLink(b, a);
        assertEquals(2, run("run", a.toString()));
        assertTrue(err().contains("is a symbolic link loop, not a scenario file"), err());
        Path dangling = tmp.resolve("d.yaml");
        Files.createSymbolicLink(dangling, tmp.resolve("gone.yaml"));
        assertEquals(2, run("check", dangling.toString()));
        assertTrue(err().contains("is a symbolic link to nothing"), err());
        assertEquals(2, run("check", tmp.resolve("missing.yaml").toString()));
        assertTrue(err().contains("no such file: "), err());
    }

    @Test
    void aFileNameJavaCannotSpellIsAUsageErrorNotACrash() {
        assertEquals(2, run("check", "t\u0000.yaml"));
        assertTrue(err().startsWith("stacklab: cannot use the file name"), err());
        assertEquals(2, run("run", "/dev/null", "--out", "r\u0000"));
        assertFalse(err().contains("internal error"), err());
    }

    @Test
    void aNonAsciiNameUnderLangCEndsWithExitZeroOrAUsageError() throws IOException, InterruptedException {
        Path s = Files.writeString(tmp.resolve("t\u00e9st.yaml"), CliTest.GOOD);
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "check", s.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("LANG", "C");
        pb.environment().put("LC_ALL", "C");
        Process p = pb.start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertTrue(p.exitValue() == 0 || p.exitValue() == 2, p.exitValue() + ": " + text);
        assertFalse(text.contains("Exception") || text.contains("internal error"), text);
    }

    /**
     * The launcher, not Java, fixes LANG=C: it runs Java under C.UTF-8 when the locale's character set
     * is not UTF-8, so a scenario named with an accent opens (Linux file names are bytes, almost always
     * UTF-8). The launcher is copied beside a jar whose manifest points at the test's class path, so
     * no Maven build happens inside the test.
     */
    @Test
    void theLauncherOpensANonAsciiNameUnderLangC() throws IOException, InterruptedException {
        boolean cUtf8 = new String(new ProcessBuilder("locale", "-a").start().getInputStream().readAllBytes(),
                StandardCharsets.UTF_8).toLowerCase(java.util.Locale.ROOT).lines().anyMatch(l -> l.equals("c.utf8") || l.equals("c.utf-8"));
        org.junit.jupiter.api.Assumptions.assumeTrue(cUtf8, "this machine has no C.UTF-8 locale: the launcher can do nothing");
        Path home = Files.createDirectories(tmp.resolve("home"));
        Path launcher = Files.copy(Path.of(System.getProperty("user.dir")).getParent().resolve("stacklab"), home.resolve("stacklab"));
        Files.createDirectories(home.resolve("engine/target"));
        StringBuilder cp = new StringBuilder();
        for (String e : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            cp.append(' ').append(Path.of(e).toUri());
        }
        var mf = new java.util.jar.Manifest();
        mf.getMainAttributes().put(java.util.jar.Attributes.Name.MANIFEST_VERSION, "1.0");
        mf.getMainAttributes().put(java.util.jar.Attributes.Name.MAIN_CLASS, Main.class.getName());
        mf.getMainAttributes().put(java.util.jar.Attributes.Name.CLASS_PATH, cp.toString().trim());
        try (var jar = new java.util.jar.JarOutputStream(Files.newOutputStream(home.resolve("engine/target/stacklab.jar")), mf)) {
            jar.flush();
        }
        Path s = Files.writeString(tmp.resolve("le\u00e7on-\u00fc.yaml"), CliTest.GOOD);
        ProcessBuilder pb = new ProcessBuilder("bash", launcher.toString(), "check", s.toString()).redirectErrorStream(true);
        pb.environment().put("LANG", "C");
        pb.environment().put("LC_ALL", "C");
        pb.environment().put("PATH", Path.of(System.getProperty("java.home"), "bin") + java.io.File.pathSeparator + System.getenv("PATH"));
        Process p = pb.start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), text);
        assertFalse(text.contains("cannot use the file name"), text);
    }

    /**
     * A child JVM running {@code stacklab ARGS} under {@code bash -c PREFIX}: JVM options first (those
     * starting {@code -X}), and {@code -Xcp PATH} to replace the test's class path.
     */
    private static String[] child(String prefix, String... args) {
        List<String> jvm = new ArrayList<>();
        String classPath = System.getProperty("java.class.path");
        int i = 0;
        for (; i < args.length && args[i].startsWith("-X"); i++) {
            if (args[i].equals("-Xcp")) {
                classPath = args[++i];
            } else {
                jvm.add(args[i]);
            }
        }
        List<String> all = new ArrayList<>(jvm);
        all.addAll(List.of("-cp", classPath, Main.class.getName()));
        all.addAll(List.of(args).subList(i, args.length));
        StringBuilder cmd = new StringBuilder(prefix).append(" exec '")
                .append(Path.of(System.getProperty("java.home"), "bin", "java")).append("'");
        for (String a : all) {
            cmd.append(" '").append(a).append("'");
        }
        return new String[] {"bash", "-c", cmd.toString()};
    }

    private static String[] runChild(String[] cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        return new String[] {String.valueOf(p.exitValue()), text};
    }

    @Test
    void runningOutOfMemoryIsNamedWithAdviceAndExitsTwo() throws IOException, InterruptedException {
        Path s = Files.writeString(tmp.resolve("big.yaml"), String.join("\n",
                "scenario: big",
                "hosts:",
                "  - {name: s, ip: 10.0.0.1}",
                "  - {name: c, ip: 11.0.0.1, count: 900000}",
                "links:",
                "  - [c, s]",
                ""));
        String[] r = runChild(child("", "-Xmx24m", "run", s.toString(), "--out", tmp.resolve("out").toString()));
        assertEquals("2", r[0], r[1]);
        assertTrue(r[1].contains("stacklab: out of memory: the scenario needs more memory than the Java heap allows;"
                + " give it more with STACKLAB_JAVA_OPTS=-Xmx4g"), r[1]);
        assertFalse(r[1].contains("Exception") || r[1].contains("\tat "), r[1]);
    }

    /**
     * Out of file descriptors while opening the report files: the message names it with advice,
     * the files opened so far are given back, and the folder keeps no half-written run. The limit
     * that makes the report files fail depends on how many descriptors the JVM itself holds, so
     * the test lowers it step by step until a run fails at the reports (each run is well bounded).
     */
    @Test
    void runningOutOfDescriptorsIsNamedAndLeavesNoHalfRun() throws IOException, InterruptedException {
        Path s = Files.writeString(tmp.resolve("t.yaml"), CliTest.GOOD);
        // as the launcher runs it: StackLab's classes in one jar, held open from the start (read from
        // a folder, each class file would need a descriptor of its own when it is loaded)
        Path jar = tmp.resolve("stacklab.jar");
        List<String> cp = new ArrayList<>();
        try (var os = new java.util.jar.JarOutputStream(Files.newOutputStream(jar))) {
            for (String e : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
                Path root = Path.of(e);
                if (!Files.isDirectory(root) || !root.endsWith("classes")) {
                    cp.add(e);
                    continue;
                }
                try (var files = Files.walk(root)) {
                    for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
                        os.putNextEntry(new java.util.jar.JarEntry(root.relativize(f).toString()));
                        os.write(Files.readAllBytes(f));
                        os.closeEntry();
                    }
                }
            }
        }
        cp.add(0, jar.toString());
        String classPath = String.join(java.io.File.pathSeparator, cp);
        boolean seen = false;
        for (int n = 40; n >= 8 && !seen; n -= 2) {
            Path out = tmp.resolve("out" + n);
            String[] r = runChild(child("ulimit -n " + n + ";", "-Xcp", classPath, "run", s.toString(), "--out", out.toString()));
            assertFalse(r[1].contains("\tat ") || r[1].contains("internal error"), n + ": " + r[1]);
            if (r[1].contains("stacklab: cannot write reports to ")) {
                seen = true;
                assertEquals("2", r[0], r[1]);
                assertTrue(r[1].contains("Too many open files (raise the limit with 'ulimit -n', or close other programs)"), r[1]);
                assertFalse(Files.exists(out.resolve(ReportFolder.STAGING)), "the staging area was left behind");
                assertTrue(Files.readString(out.resolve(".stacklab-reports")).contains("the report files here are not one whole run"),
                        Files.readString(out.resolve(".stacklab-reports")));
            }
        }
        assertTrue(seen, "no descriptor limit between 40 and 8 made the reports fail");
    }

    @Test
    void twoGroupsOfAMillionHostsAreRefusedAtLoadNotAfterMinutesOfThrashing() throws IOException {
        Path s = Files.writeString(tmp.resolve("g.yaml"), String.join("\n",
                "scenario: huge",
                "hosts:",
                "  - {name: a, ip: 10.0.0.1, count: 1000000}",
                "  - {name: b, ip: 11.0.0.1, count: 1000000}",
                ""));
        assertEquals(2, run("check", s.toString()));
        assertTrue(err().contains("g.yaml:4:5: this host brings the scenario to 2000000 hosts in all; at most 1000000"),
                err());
    }

    @Test
    void aFormatListOfOnlyCommasIsAUsageError() throws IOException {
        Path s = Files.writeString(tmp.resolve("t.yaml"), CliTest.GOOD);
        assertEquals(2, run("run", s.toString(), "--format", ",,,"));
        assertTrue(err().contains("--format ',,,' has an empty name"), err());
        assertEquals(2, run("run", s.toString(), "--format", "text,,html"));
    }

    @Test
    void checkRefusesAScenarioNameTooLongForAReportFolder() throws IOException {
        Path s = Files.writeString(tmp.resolve("t.yaml"), CliTest.GOOD.replace("scenario: tiny", "scenario: " + "a".repeat(300)));
        assertEquals(2, run("check", s.toString()));
        assertTrue(err().contains(":1:11: scenario name is 300 characters long; at most 100"), err());
    }

    @Test
    void theInternalIsolatedFlagCannotBeTypedByHand() throws IOException {
        Path s = Files.writeString(tmp.resolve("t.yaml"), CliTest.GOOD);
        assertEquals(2, run("bridge", s.toString(), "--isolated"));
        assertTrue(err().startsWith("stacklab: bridge: unknown flag --isolated"), err());
    }
}
