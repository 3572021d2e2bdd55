package org.stacklab.trace.format.html;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.stacklab.wire.RequiredTool;

/**
 * Runs headless Chromium on a local page for browser tests: finds the binary, runs it with a
 * fresh profile, no network services and a bounded timeout, and returns what it printed.
 *
 * <p>Tests call {@link #assumeInstalled()} first, so they are skipped where Chromium is missing
 * (and fail under CI=true, {@link RequiredTool}). The binary is {@code $CHROMIUM} if set, else the first of
 * {@code chromium}, {@code chromium-browser}, {@code google-chrome} on the PATH.
 */
final class ChromiumSupport {
    static final Duration TIMEOUT = Duration.ofSeconds(90);
    /** Headless, and nothing that talks to the network or needs a desktop session. */
    static final List<String> FLAGS = List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
            "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--disable-extensions", "--disable-default-apps", "--hide-scrollbars", "--mute-audio");

    /** What one run printed, and how it ended. */
    record Result(int exitCode, String stdout, String stderr) {}

    private ChromiumSupport() {}

    static Optional<Path> executable() {
        String override = System.getenv("CHROMIUM");
        if (override != null && !override.isBlank()) {
            return Optional.of(Path.of(override)).filter(Files::isExecutable);
        }
        String path = System.getenv().getOrDefault("PATH", "");
        return Stream.of("chromium", "chromium-browser", "google-chrome")
                .flatMap(name -> Arrays.stream(path.split(File.pathSeparator)).filter(d -> !d.isEmpty())
                        .map(dir -> Path.of(dir, name)))
                .filter(Files::isExecutable)
                .findFirst();
    }

    /** Skips (under CI=true: fails) the calling test, with a message saying how to run it, when Chromium is missing. */
    static void assumeInstalled() {
        RequiredTool.require(executable().isPresent(),
                "Chromium is not installed (apt-get install chromium, or set CHROMIUM=/path/to/chromium); "
                        + "skipping the browser check of report.html");
    }

    /** Loads {@code page} and prints its DOM once loaded ({@code --dump-dom}). */
    static Result dumpDom(Path page) {
        return run(List.of("--dump-dom", page.toUri().toString()));
    }

    /** Loads {@code page} in a window of {@code width} x {@code height} and writes a PNG of it. */
    static Result screenshot(Path page, Path png, int width, int height) {
        return run(List.of("--screenshot=" + png.toAbsolutePath(), "--window-size=" + width + "," + height,
                page.toUri().toString()));
    }

    static Result run(List<String> args) {
        Path exe = executable().orElseThrow(() -> new IllegalStateException("Chromium is not installed"));
        Path dir = null;
        try {
            dir = Files.createTempDirectory("chromium");
            List<String> command = new ArrayList<>();
            command.add(exe.toString());
            command.addAll(FLAGS);
            command.add("--user-data-dir=" + Files.createDirectory(dir.resolve("profile")));
            command.addAll(args);
            Path out = dir.resolve("stdout");
            Path err = dir.resolve("stderr");
            ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
            pb.environment().put("HOME", dir.toString());
            Process p = pb.start();
            if (!p.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                throw new AssertionError("Chromium did not finish within " + TIMEOUT + ": " + command);
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for Chromium", e);
        } finally {
            deleteQuietly(dir);
        }
    }

    static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temporary directory is harmless
        }
    }
}
