package org.stacklab.trace.format.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.stacklab.cli.Main;

/** {@code stacklab watch} as a teacher uses it: the page open in a browser follows each save of the scenario. */
class WatchBrowserTest {
    @TempDir
    Path dir;

    private static void save(Path file, String text, int n) throws IOException {
        Files.writeString(file, text);
        Files.setLastModifiedTime(file, FileTime.fromMillis(1_000_000_000_000L + n * 10_000L));
    }

    @Test
    @Timeout(180)
    void theOpenPageReloadsAfterASaveAndShowsBadInput() throws Exception {
        Browser.require();
        Path sc = dir.resolve("lesson.yaml");
        String good = Files.readString(ExplorerBrowserTest.LESSON1);
        save(sc, good, 0);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream ps = new PrintStream(log, true, StandardCharsets.UTF_8);
        AtomicInteger status = new AtomicInteger(-1);
        Thread watch = new Thread(() -> status.set(Main.run(new String[] {"watch", sc.toString(), "--out",
                dir.resolve("out").toString()}, ps, ps)), "watch-under-test");
        watch.start();
        try (Browser b = Browser.open()) {
            Pattern url = Pattern.compile("at (http://127\\.0\\.0\\.1:\\d+/) \\(127\\.0\\.0\\.1 only\\)");
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            Matcher m = url.matcher("");
            while (!(m = url.matcher(log.toString(StandardCharsets.UTF_8))).find()) {
                assertTrue(System.nanoTime() < deadline, "watch printed no address: " + log);
                Thread.sleep(50);
            }
            String address = m.group(1);
            b.d().get(address);
            new WebDriverWait(b.d(), Browser.WAIT).until(d -> "yes".equals(d.findElement(By.id("ex")).getAttribute("data-ready")));
            assertEquals("StackLab: 01-socket-is-an-address-and-a-port", b.d().getTitle());

            save(sc, good.replace("scenario: 01-socket-is-an-address-and-a-port", "scenario: edited-lesson"), 1);
            new WebDriverWait(b.d(), Browser.WAIT).until(d -> d.getTitle().equals("StackLab: edited-lesson"));

            save(sc, good + "sede: 3\n", 2);
            new WebDriverWait(b.d(), Browser.WAIT).until(d -> !d.findElements(By.id("watch-error")).isEmpty());
            assertTrue(b.d().findElement(By.id("watch-error")).getText().contains("unknown key 'sede'"));
            assertEquals("StackLab: edited-lesson", b.d().getTitle(), "the last good report stays below");
        } finally {
            watch.interrupt();
            watch.join(30_000);
        }
        assertEquals(0, status.get(), "watch ends cleanly when stopped");
        String address = log.toString(StandardCharsets.UTF_8).replaceAll("(?s).*?at (http://127\\.0\\.0\\.1:\\d+/).*", "$1");
        assertThrows(IOException.class, () -> URI.create(address + "version").toURL().openStream().close(), "server closed");
    }
}
