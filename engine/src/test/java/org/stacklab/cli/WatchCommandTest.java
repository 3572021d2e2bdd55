package org.stacklab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code stacklab watch}: serves on 127.0.0.1, reruns on save, shows bad input without stopping, closes its server. */
class WatchCommandTest {
    static final Path LESSON1 = Path.of(Files.isDirectory(Path.of("scenarios")) ? "scenarios" : "../scenarios",
            "01-socket-is-an-address-and-a-port.yaml");
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path dir;

    private String get(String url) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertEquals(200, r.statusCode(), url);
        return r.body();
    }

    /** Writes the file and moves its time on, so that a save within the file system's time granularity is seen. */
    private static void save(Path file, String text, int n) throws IOException {
        Files.writeString(file, text);
        Files.setLastModifiedTime(file, FileTime.fromMillis(1_000_000_000_000L + n * 10_000L));
    }

    private void awaitVersion(WatchCommand w, String url, long v) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (Long.parseLong(get(url + "version")) < v) {
            assertTrue(System.nanoTime() < deadline, "no rerun after the save");
            Thread.sleep(50);
        }
        assertEquals(v, w.version());
    }

    @Test
    @Timeout(120)
    void rerunsOnEverySaveShowsBadInputAndClosesItsServer() throws Exception {
        Path sc = dir.resolve("lesson.yaml");
        String good = Files.readString(LESSON1);
        save(sc, good, 0);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        String url;
        try (WatchCommand w = new WatchCommand(sc, dir.resolve("out"), 0, new PrintStream(log, true, StandardCharsets.UTF_8))) {
            w.start();
            url = w.url();
            assertTrue(url.matches("http://127\\.0\\.0\\.1:\\d+/"), url);
            String page = get(url);
            assertTrue(page.contains("<title>StackLab: 01-socket-is-an-address-and-a-port</title>"));
            assertTrue(page.contains("fetch(\"/version\""), "the page asks for the version to reload");
            assertTrue(page.contains("connect-src 'self'"), "and its policy lets it ask only the watch server");
            assertFalse(page.contains("watch-error"));
            assertEquals("1", get(url + "version"));

            save(sc, good + "sede: 3\n", 1);
            awaitVersion(w, url, 2);
            page = get(url);
            assertTrue(page.contains("id=\"watch-error\""), "bad input is shown");
            assertTrue(page.contains("unknown key 'sede'"), page.substring(0, Math.min(800, page.length())));
            assertTrue(page.contains("<title>StackLab: 01-socket"), "above the last good report");

            save(sc, good.replace("scenario: 01-socket-is-an-address-and-a-port", "scenario: edited-lesson"), 2);
            awaitVersion(w, url, 3);
            page = get(url);
            assertFalse(page.contains("watch-error"));
            assertTrue(page.contains("<title>StackLab: edited-lesson</title>"), "the edit is in the page");
        }
        assertThrows(IOException.class, () -> get(url), "the server is closed");
        String printed = log.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("run 1: ok") && printed.contains("run 3: ok"), printed);
    }

    @Test
    void aMissingScenarioIsAUsageError() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(new String[] {"watch"}, new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(2, status);
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("stacklab: watch: which scenario?"));
        status = Main.run(new String[] {"watch", dir.resolve("nope.yaml").toString()}, new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(2, status);
    }
}
