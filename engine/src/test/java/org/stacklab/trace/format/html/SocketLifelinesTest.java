package org.stacklab.trace.format.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.stacklab.trace.format.ScenarioRuns;

/**
 * report.html's sequence diagram drawn with one lifeline per socket, on lesson 9 (whose server
 * closes its listener while the accepted connection goes through FIN-WAIT: in the per-host
 * drawing those badges share one lifeline).
 */
class SocketLifelinesTest {
    static final Path LESSON9 = ScenarioRuns.scenarioFolder().resolve("09-time-wait-and-restart.yaml");
    private static final Pattern HEAD = Pattern.compile(
            "<g class=\"head[^\"]*\"><title>[^<]*</title><rect[^>]*/><text x=\"(\\d+)\"[^>]*class=\"name\">([^<]*)</text>");
    private static final Pattern TAG = Pattern.compile(
            "<g class=\"tag \\w+\"><title>([^<]*)</title><rect x=\"(\\d+)\" y=\"\\d+\" width=\"(\\d+)\"");
    private static final Pattern PKT = Pattern.compile("<g class=\"pkt [^\"]*\"><title>([^<]*)</title>(.*?)</g>");
    private static final Pattern WHO = Pattern.compile("^\\S+ (.+?) (?:sends|forwards)(?:, \\S+ (.+?) (?:receives|never receives it))?\n");
    private static final Pattern LINE = Pattern.compile("<line class=\"line\" x1=\"(\\d+)\" y1=\"\\d+\" x2=\"(\\d+)\"");

    @TempDir
    static Path dir;
    static Path page;
    static String html;

    @BeforeAll
    static void runLesson() throws Exception {
        page = ScenarioRuns.run(LESSON9, dir, "html").resolve("report.html");
        html = Files.readString(page, StandardCharsets.UTF_8);
    }

    static String svg(String view) {
        return HtmlReportWriterTest.view(html, view);
    }

    /** Lane name → x of its lifeline. */
    static Map<String, Integer> heads(String svg) {
        Map<String, Integer> x = new LinkedHashMap<>();
        Matcher m = HEAD.matcher(svg);
        while (m.find()) {
            x.put(m.group(2), Integer.parseInt(m.group(1)));
        }
        return x;
    }

    /** The centre of the badge whose tooltip is {@code title}. */
    static int tagX(String svg, String title) {
        Matcher m = TAG.matcher(svg);
        while (m.find()) {
            if (m.group(1).equals(title)) {
                return Integer.parseInt(m.group(2)) + Integer.parseInt(m.group(3)) / 2;
            }
        }
        throw new AssertionError("no badge " + title);
    }

    @Test
    void theListenersClosedAndTheConnectionsFinWaitSitOnDifferentLifelines() {
        String sock = svg("socket");
        Map<String, Integer> x = heads(sock);
        assertTrue(x.containsKey("server s1") && x.containsKey("server s4") && x.containsKey("laptop s3"), x.toString());
        assertTrue(sock.contains(">listen :80</text>"), "the listener's lane says it listens");
        assertTrue(sock.contains(">:80↔10.0.0.2:45460</text>"), "the child's lane names its peer");
        int closed = tagX(sock, "socket 1 (old-plain): LISTEN → CLOSED");
        int fin1 = tagX(sock, "socket 4 (old-plain): ESTABLISHED → FIN-WAIT-1");
        int fin2 = tagX(sock, "socket 4 (old-plain): FIN-WAIT-1 → FIN-WAIT-2");
        assertEquals(x.get("server s1"), closed);
        assertEquals(x.get("server s4"), fin1);
        assertEquals(x.get("server s4"), fin2);
        assertNotEquals(closed, fin1);
        // the per-host drawing, kept as the default, puts all three on the server's one lifeline
        String host = svg("host");
        assertEquals(tagX(host, "socket 1 (old-plain): LISTEN → CLOSED"), tagX(host, "socket 4 (old-plain): ESTABLISHED → FIN-WAIT-1"));
    }

    @Test
    void everyArrowRunsBetweenLanesOfItsHosts() {
        List<String[]> byHost = ends(svg("host"));
        String sock = svg("socket");
        List<String[]> bySocket = ends(sock);
        Map<String, Integer> x = heads(sock);
        assertEquals(byHost.size(), bySocket.size());
        assertEquals(16, bySocket.size(), "lesson 9 sends 16 packets");
        int onSockets = 0;
        for (int i = 0; i < bySocket.size(); i++) {
            String[] h = byHost.get(i);
            String[] s = bySocket.get(i);
            for (int end = 0; end < 2; end++) {
                if (h[end] == null) {
                    continue;
                }
                assertEquals(h[end], s[end].split(" ")[0], "arrow " + i + " end " + end + ": " + s[end]);
                onSockets += s[end].contains(" s") ? 1 : 0;
            }
            assertEquals(x.get(s[0]), Integer.valueOf(s[2]), "arrow " + i + " starts on " + s[0] + "'s lifeline");
            if (s[1] != null && !s[1].equals(s[0])) {
                assertTrue(Math.abs(x.get(s[1]) - Integer.parseInt(s[3])) <= 2, "arrow " + i + " ends on " + s[1]);
            }
        }
        assertTrue(onSockets >= 2 * bySocket.size() - 2, "nearly every end is a socket's: " + onSockets);
    }

    /** Per arrow: from lane, to lane (null when none), x1, x2 of its line. */
    static List<String[]> ends(String svg) {
        List<String[]> out = new ArrayList<>();
        Matcher m = PKT.matcher(svg);
        while (m.find()) {
            Matcher w = WHO.matcher(m.group(1));
            assertTrue(w.find(), m.group(1));
            Matcher l = LINE.matcher(m.group(2));
            assertTrue(l.find(), "a straight arrow: " + m.group(2));
            out.add(new String[] {w.group(1), w.group(2), l.group(1), l.group(2)});
        }
        return out;
    }

    @Test
    void theToggleSwitchesTheDrawingFromTheKeyboard() throws Exception {
        try (Browser b = Browser.open()) {
            b.load(page, null);
            WebElement hostSvg = b.d().findElement(By.cssSelector("svg.seq[data-view=host]"));
            WebElement sockSvg = b.d().findElement(By.cssSelector("svg.seq[data-view=socket]"));
            WebElement hostRadio = b.d().findElement(By.id("seqview-host"));
            b.js("arguments[0].scrollIntoView()", hostRadio);
            assertTrue(hostSvg.isDisplayed());
            assertFalse(sockSvg.isDisplayed());
            hostRadio.sendKeys(Keys.ARROW_RIGHT);
            assertTrue(b.d().findElement(By.id("seqview-socket")).isSelected());
            assertFalse(hostSvg.isDisplayed());
            assertTrue(sockSvg.isDisplayed());
            b.d().findElement(By.id("seqview-socket")).sendKeys(Keys.ARROW_LEFT);
            assertTrue(hostSvg.isDisplayed());
            assertFalse(sockSvg.isDisplayed());
        }
    }
}
