package org.stacklab.wire;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Runs tshark on capture files for interoperability tests: finds the binary, runs it with a
 * bounded timeout in a hermetic configuration, and splits {@code -T fields} output into rows.
 *
 * <p>Tests call {@link #assumeInstalled()} first, so they are skipped where tshark is missing
 * (and fail under CI=true, {@link RequiredTool}). The binary is {@code $TSHARK} if set, else the first {@code tshark} on the PATH.
 */
public final class TsharkSupport {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    /** Makes tshark verify the IPv4, UDP and TCP checksums; it always verifies ICMP's. */
    public static final List<String> CHECK_CHECKSUMS = List.of(
            "-o", "ip.check_checksum:TRUE", "-o", "udp.check_checksum:TRUE", "-o", "tcp.check_checksum:TRUE");
    /** Joins several occurrences of a field in one packet (an ICMP error has two IP headers). */
    public static final String AGGREGATOR = "|";
    /** Expert-info severities as tshark prints them in {@code _ws.expert.severity}. */
    public static final int SEVERITY_WARN = 0x600000;

    private static final Map<String, Boolean> FIELDS_KNOWN = new ConcurrentHashMap<>();

    /** What one run printed, and how it ended. */
    public record Result(int exitCode, String stdout, String stderr) {
        public Result requireSuccess() {
            if (exitCode != 0) {
                throw new AssertionError("tshark exited with " + exitCode + ":\n" + stderr);
            }
            return this;
        }
    }

    private TsharkSupport() {}

    public static Optional<Path> executable() {
        String override = System.getenv("TSHARK");
        if (override != null && !override.isBlank()) {
            return Optional.of(Path.of(override)).filter(Files::isExecutable);
        }
        String path = System.getenv().getOrDefault("PATH", "");
        return Arrays.stream(path.split(File.pathSeparator))
                .filter(dir -> !dir.isEmpty())
                .map(dir -> Path.of(dir, "tshark"))
                .filter(Files::isExecutable)
                .findFirst();
    }

    /** Skips (under CI=true: fails) the calling test, with a message saying how to run it, when tshark is missing. */
    public static void assumeInstalled() {
        RequiredTool.require(executable().isPresent(),
                "tshark is not installed (apt-get install tshark, or set TSHARK=/path/to/tshark); "
                        + "skipping the Wireshark interoperability check");
    }

    /** The first line of {@code tshark --version}, e.g. "TShark (Wireshark) 4.0.17 (...)". */
    public static String version() {
        return run(List.of("--version")).requireSuccess().stdout().lines().findFirst().orElse("unknown");
    }

    /** True when this tshark knows a display field; field names change between versions. */
    public static boolean hasField(String name) {
        return FIELDS_KNOWN.computeIfAbsent(name, n -> run(List.of("-G", "fields")).requireSuccess()
                .stdout().lines().anyMatch(line -> line.startsWith("F\t") && line.contains("\t" + n + "\t")));
    }

    /** The packet comment field: {@code frame.comment} since Wireshark 3.6, {@code pkt_comment} before. */
    public static String commentField() {
        return hasField("frame.comment") ? "frame.comment" : "pkt_comment";
    }

    public static Result run(List<String> args) {
        return run(DEFAULT_TIMEOUT, args);
    }

    /**
     * Runs tshark with {@code args}, an empty personal configuration and the C locale, and
     * waits at most {@code timeout}; a run that takes longer is killed and fails the test.
     */
    public static Result run(Duration timeout, List<String> args) {
        Path exe = executable().orElseThrow(() -> new IllegalStateException("tshark is not installed"));
        Path dir = null;
        try {
            dir = Files.createTempDirectory("tshark");
            return runIn(dir, exe, timeout, args);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteQuietly(dir);
        }
    }

    private static Result runIn(Path dir, Path exe, Duration timeout, List<String> args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(exe.toString());
        command.addAll(args);
        Path config = Files.createDirectory(dir.resolve("config"));
        Path out = dir.resolve("stdout");
        Path err = dir.resolve("stderr");
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().put("WIRESHARK_CONFIG_DIR", config.toString());
        pb.environment().put("LC_ALL", "C");
        Process process = pb.start();
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("tshark did not finish within " + timeout + ": " + command);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for tshark", e);
        }
        return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    /**
     * Reads {@code capture} with {@code options} and returns one map per packet from field name
     * to value; several occurrences in one packet are joined with {@link #AGGREGATOR}.
     */
    public static List<Map<String, String>> fields(Path capture, List<String> options, List<String> fields) {
        List<String> args = new ArrayList<>(List.of("-r", capture.toString()));
        args.addAll(options);
        args.addAll(List.of("-T", "fields", "-E", "separator=/t", "-E", "occurrence=a",
                "-E", "aggregator=" + AGGREGATOR, "-E", "header=n"));
        for (String f : fields) {
            args.add("-e");
            args.add(f);
        }
        String stdout = run(args).requireSuccess().stdout();
        return stdout.lines().map(line -> row(fields, line)).toList();
    }

    private static Map<String, String> row(List<String> fields, String line) {
        String[] values = line.split("\t", -1);
        Map<String, String> row = new LinkedHashMap<>();
        for (int i = 0; i < fields.size(); i++) {
            row.put(fields.get(i), i < values.length ? values[i] : "");
        }
        return row;
    }

    /** The values of one field in one row, split at the aggregator; empty when absent. */
    public static List<String> values(Map<String, String> row, String field) {
        String v = row.getOrDefault(field, "");
        return v.isEmpty() ? List.of() : List.of(v.split(Pattern.quote(AGGREGATOR), -1));
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temporary directory is harmless
        }
    }
}
