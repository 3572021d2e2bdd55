package org.stacklab.trace.format.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.stacklab.trace.format.ScenarioRuns;

/**
 * The explorer in a real browser, used with the keyboard alone: its tables, bytes and quiz are
 * checked against trace.jsonl and trace.pcap of the same run (lesson 1).
 */
class ExplorerBrowserTest {
    static final Path LESSON1 = ScenarioRuns.scenarioFolder().resolve("01-socket-is-an-address-and-a-port.yaml");
    @TempDir
    static Path dir;
    static Path page;
    static List<JsonNode> events = new ArrayList<>();

    @BeforeAll
    static void runLesson() throws Exception {
        ScenarioRuns.run(LESSON1, dir, "html,jsonl,pcap");
        page = dir.resolve("report.html");
        ObjectMapper m = new ObjectMapper();
        for (String line : Files.readAllLines(dir.resolve("trace.jsonl"), StandardCharsets.UTF_8)) {
            events.add(m.readTree(line));
        }
    }

    @BeforeEach
    void requireBrowser() {
        Browser.require();
    }

    private static void keys(Browser b, CharSequence... k) {
        new Actions(b.d()).sendKeys(k).perform();
    }

    private static int position(Browser b) {
        String pos = b.d().findElement(By.id("ex-pos")).getText(); // "event #N at T s"
        return Integer.parseInt(pos.substring(pos.indexOf('#') + 1, pos.indexOf(' ', pos.indexOf('#'))));
    }

    /** The rows the page shows for the current host, as "proto state local peer process sock". */
    private static List<String> shownTable(Browser b) {
        List<String> rows = new ArrayList<>();
        for (WebElement tr : b.d().findElements(By.cssSelector("#ex-ss table tbody tr[data-sock]"))) {
            if (!tr.getAttribute("class").contains("gone")) {
                List<WebElement> td = tr.findElements(By.tagName("td"));
                rows.add(td.get(0).getText() + " " + td.get(1).getText() + " " + td.get(4).getText() + " "
                        + td.get(5).getText() + " " + td.get(6).getText());
            }
        }
        return rows;
    }

    private static List<String> traceTable(JsonNode snapshot) {
        List<String> rows = new ArrayList<>();
        for (JsonNode r : snapshot.get("sockets")) {
            rows.add(r.get("proto").asText() + " " + r.get("state").asText() + " " + r.get("local").asText() + " "
                    + r.get("peer").asText() + " users:((\"" + r.get("process").asText() + "\",sock=" + r.get("socket").asInt()
                    + "))");
        }
        return rows;
    }

    @Test
    void arrowKeysWalkEveryEventAndTheTablesMatchTheTracesSnapshots() throws Exception {
        try (Browser b = Browser.open()) {
            b.load(page, null);
            b.js("document.getElementById('ex-quizon').checked = false;");
            keys(b, Keys.HOME);
            assertEquals(0, position(b));
            int snapshots = 0;
            for (int i = 1; i < events.size(); i++) {
                keys(b, Keys.ARROW_RIGHT);
                assertEquals(i, position(b));
                JsonNode e = events.get(i);
                WebElement row = b.d().findElement(By.cssSelector(".ex-row.sel"));
                assertEquals(e.get("event").asText(), row.getAttribute("data-kind"), row.getText() + " vs " + e);
                assertEquals(e.get("host").asText().isEmpty() ? "-" : e.get("host").asText(), row.getText().split(" ")[2]);
                if (e.get("event").asText().equals("sockets")) {
                    assertEquals(e.get("host").asText(), b.d().findElement(By.id("ex-ss")).findElement(By.tagName("table"))
                            .getAttribute("data-host"));
                    assertEquals(traceTable(e), shownTable(b), "event " + i);
                    snapshots++;
                }
            }
            assertTrue(snapshots >= 2, "lesson 1 has socket snapshots");
            keys(b, Keys.ARROW_RIGHT);
            assertEquals(events.size() - 1, position(b), "forward at the end stays at the end");
            int back = -1;
            for (int i = events.size() - 1; i > 0 && back < 0; i--) {
                if (events.get(i).get("event").asText().equals("sockets")) {
                    back = i;
                }
            }
            for (int i = events.size() - 1; i > back; i--) {
                keys(b, Keys.ARROW_LEFT);
            }
            assertEquals(back, position(b));
            assertEquals(traceTable(events.get(back)), shownTable(b), "after stepping back to event " + back);
        }
    }

    @Test
    void theInspectorShowsThePcapsBytesForEverySentPacket() throws Exception {
        byte[] pcap = Files.readAllBytes(dir.resolve("trace.pcap"));
        List<String> records = new ArrayList<>();
        for (int off = 24; off + 16 <= pcap.length; ) {
            int len = (pcap[off + 8] & 0xff) | (pcap[off + 9] & 0xff) << 8 | (pcap[off + 10] & 0xff) << 16 | (pcap[off + 11] & 0xff) << 24;
            records.add(HexFormat.of().formatHex(pcap, off + 16, off + 16 + len));
            off += 16 + len;
        }
        try (Browser b = Browser.open()) {
            b.load(page, null);
            int n = 0;
            for (int i = 0; i < events.size(); i++) {
                if (!events.get(i).get("event").asText().equals("tx")) {
                    continue;
                }
                b.js("location.hash = arguments[0];", "#event-" + i);
                final int want = i;
                new WebDriverWait(b.d(), Browser.WAIT).until(d -> position(b) == want);
                assertEquals(records.get(n), b.d().findElement(By.cssSelector("#ex-insp .ex-hex")).getAttribute("data-hex"),
                        "packet " + n + " (event " + i + ")");
                n++;
            }
            assertEquals(records.size(), n);
            assertTrue(n > 5);
        }
    }

    @Test
    void theQuizAsksAtTheServersFirstSynAndCountsTheScore() throws Exception {
        int syn = -1;
        for (int i = 0; i < events.size() && syn < 0; i++) {
            JsonNode e = events.get(i);
            if (e.get("event").asText().equals("deliver") && e.get("host").asText().equals("web")) {
                syn = i;
            }
        }
        int winner = events.get(syn).get("socket").asInt();
        try (Browser b = Browser.open()) {
            b.load(page, null);
            keys(b, Keys.HOME);
            WebElement quiz = b.d().findElement(By.id("ex-quiz"));
            int steps = 0;
            while (!quiz.isDisplayed() && steps++ < events.size()) {
                keys(b, Keys.ARROW_RIGHT);
            }
            assertEquals(syn, position(b), "the quiz opens at the delivery the scenario's quiz: key picks");
            assertTrue(b.d().findElement(By.id("ex-insp")).getText().contains("answer the question first"));
            String right = quiz.findElement(By.cssSelector("li[data-sock='" + winner + "']")).getAttribute("data-n");
            keys(b, right);
            WebElement score = b.d().findElement(By.id("ex-score"));
            assertEquals("1", score.getAttribute("data-right"));
            assertEquals("1", score.getAttribute("data-asked"));
            assertTrue(b.d().findElement(By.id("ex-quiz-res")).getText().startsWith("Right"));
            keys(b, Keys.ENTER);
            assertFalse(quiz.isDisplayed());
            assertTrue(b.d().findElement(By.cssSelector("#ex-insp [data-winner='" + winner + "']")).isDisplayed());
            for (int i = 0; i < 40 && !quiz.isDisplayed(); i++) {
                keys(b, Keys.ARROW_RIGHT);
            }
            assertFalse(quiz.isDisplayed(), "first: 1 asks only once");
            keys(b, "q"); // quiz off
            keys(b, "q"); // and on: with a quiz: key the picks stay the scenario's
            assertEquals("1", score.getAttribute("data-asked"));
        }
    }

    @Test
    void aWrongAnswerCountsAgainstTheScore() throws Exception {
        Path all = dir.resolve("all.yaml");
        Files.writeString(all, Files.readString(LESSON1).replaceAll("(?s)\nquiz:.*$", "\nquiz: all\n"));
        Path out = ScenarioRuns.run(all, Files.createDirectories(dir.resolve("all")), "html");
        try (Browser b = Browser.open()) {
            b.load(out.resolve("report.html"), null);
            WebElement quiz = b.d().findElement(By.id("ex-quiz"));
            keys(b, Keys.HOME);
            for (int i = 0; i < events.size() && !quiz.isDisplayed(); i++) {
                keys(b, Keys.ARROW_RIGHT);
            }
            int options = quiz.findElements(By.cssSelector("#ex-quiz-opts li")).size();
            keys(b, String.valueOf(options)); // the last choice: "no socket", wrong for a delivery
            WebElement score = b.d().findElement(By.id("ex-score"));
            assertEquals("0", score.getAttribute("data-right"));
            assertEquals("1", score.getAttribute("data-asked"));
            assertTrue(b.d().findElement(By.id("ex-quiz-res")).getText().startsWith("Not quite"));
            keys(b, Keys.ESCAPE);
            for (int i = 0; i < events.size() && !quiz.isDisplayed(); i++) {
                keys(b, Keys.ARROW_RIGHT);
            }
            String winner = String.valueOf(events.get(position(b)).get("socket").asInt());
            keys(b, quiz.findElement(By.cssSelector("li[data-sock='" + winner + "']")).getAttribute("data-n"));
            assertEquals("1", score.getAttribute("data-right"));
            assertEquals("2", score.getAttribute("data-asked"));
            assertEquals("score 1 of 2", score.getText());
        }
    }

    @Test
    void keysFilterJumpPlayAndHelpWithoutAMouseAndNothingIsFetched() throws Exception {
        try (Browser b = Browser.open()) {
            b.load(page, "#event-3");
            assertEquals(3, position(b), "deep link");
            b.js("document.getElementById('ex-quizon').checked = false;");
            keys(b, "?");
            assertTrue(b.d().findElement(By.id("ex-help")).isDisplayed());
            keys(b, Keys.ESCAPE);
            assertFalse(b.d().findElement(By.id("ex-help")).isDisplayed());
            keys(b, "d");
            assertEquals("deliver", events.get(position(b)).get("event").asText());
            int firstDelivery = position(b);
            keys(b, "d");
            keys(b, "D");
            assertEquals(firstDelivery, position(b));
            keys(b, "s");
            assertEquals("state", events.get(position(b)).get("event").asText());
            keys(b, "/");
            assertEquals("ex-f-text", b.d().switchTo().activeElement().getAttribute("id"));
            keys(b, "GET /");
            keys(b, Keys.ESCAPE);
            String count = b.d().findElement(By.id("ex-count")).getText();
            assertFalse(count.startsWith(events.size() + " of"), count);
            assertTrue(b.d().getCurrentUrl().contains("#event-"));
            int before = position(b);
            keys(b, " ");
            new WebDriverWait(b.d(), Browser.WAIT).until(d -> position(b) != before);
            keys(b, " ");
            String csp = b.d().findElement(By.cssSelector("meta[http-equiv='Content-Security-Policy']")).getAttribute("content");
            assertTrue(csp.contains("default-src 'none'"), csp);
            assertEquals(0L, b.js("return performance.getEntriesByType('resource').length;"));
        }
    }
}
