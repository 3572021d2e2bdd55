package org.stacklab.trace.format.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.stacklab.trace.format.ScenarioRuns;

/**
 * The explorer's topology follows events on every host: on a host whose name is longer than the
 * drawing shows, and on a member of a group drawn as one box (more than {@link Topology#FAN_OUT}
 * members), where the packet starts from the group's box. And the address keeps the lifeline
 * view beside the event ({@code #event-N&view=socket}).
 */
class TopologyAnimationTest {
    static final String LONG = "the-echo-server-with-a-name-longer-than-the-box";
    static final String SCENARIO = """
            scenario: group-animation
            seed: 7
            hosts:
              - {name: %s, ip: 192.168.1.5}
              - {name: router, ip: 10.0.0.1, forward: true}
              - {name: client, count: 30, ip: 10.0.0.11}
            links:
              - [router, %s]
              - [client, router]
            processes:
              - {name: echo, host: %s, app: udp-echo-server, args: {port: 7}}
              - {name: pinger, host: client, start: 10ms, app: udp-echo-client,
                 args: {to: 192.168.1.5:7, count: 1, interval: 20ms, size: 64}}
            """.formatted(LONG, LONG, LONG);

    @TempDir
    static Path dir;
    static Path page;
    static List<String> lines;

    @BeforeAll
    static void run() throws Exception {
        Path yaml = dir.resolve("group-animation.yaml");
        Files.writeString(yaml, SCENARIO, StandardCharsets.UTF_8);
        Path out = dir.resolve("out");
        ScenarioRuns.run(yaml, out, "html,jsonl");
        page = out.resolve("report.html");
        lines = Files.readAllLines(out.resolve("trace.jsonl"), StandardCharsets.UTF_8);
    }

    /** The line number in trace.jsonl of the first event of {@code kind} on {@code host}. */
    static int first(String host, String kind) throws Exception {
        ObjectMapper m = new ObjectMapper();
        for (int i = 0; i < lines.size(); i++) {
            JsonNode e = m.readTree(lines.get(i));
            if (e.get("host").asText().equals(host) && e.get("event").asText().equals(kind)) {
                return i;
            }
        }
        throw new AssertionError("no " + kind + " on " + host);
    }

    @Test
    void theDrawingNamesBoxesByTheirFullHostOrGroup() throws Exception {
        String html = Files.readString(page, StandardCharsets.UTF_8);
        assertTrue(html.contains("data-host=\"" + LONG + "\""), "the long name is kept whole for the explorer");
        assertTrue(html.contains("data-group=\"client\""), "30 clients are one box");
        assertTrue(html.contains("\"groups\":{\"client1\":\"client\""), "the run data says which group a host is in");
    }

    @Test
    void aGroupMembersPacketLeavesFromTheGroupsBox() throws Exception {
        int tx = first("client17", "tx");
        int rx = first(LONG, "rx");
        try (Browser b = Browser.open()) {
            b.load(page, "#event-" + tx);
            assertEquals("client", b.js("var g = document.querySelector('#ex-topo g.box.here');"
                    + "return g && g.getAttribute('data-group');"), "the group's box is the current one");
            assertEquals(1L, b.js("return document.querySelectorAll('#ex-topo circle.pkt').length;"),
                    "the packet is drawn on the group's box");
            b.js("location.hash = arguments[0];", "#event-" + rx);
            new org.openqa.selenium.support.ui.WebDriverWait(b.d(), Browser.WAIT).until(d -> d
                    .findElement(By.id("ex-pos")).getText().startsWith("event #" + rx + " "));
            assertEquals(LONG, b.js("var g = document.querySelector('#ex-topo g.box.here');"
                    + "return g && g.getAttribute('data-host');"), "the long-named server's box is the current one");
        }
    }

    @Test
    void theAddressKeepsTheLifelineView() throws Exception {
        int tx = first("client3", "tx");
        try (Browser b = Browser.open()) {
            b.load(page, "#event-" + tx + "&view=socket");
            assertEquals(Boolean.TRUE, b.js("return document.getElementById('seqview-socket').checked;"));
            assertTrue(b.d().findElement(By.id("ex-pos")).getText().startsWith("event #" + tx + " "));
            b.d().findElement(By.cssSelector("label[for=seqview-host]")).click();
            assertEquals("#event-" + tx, b.js("return location.hash;"), "back to the default view: the address names the event only");
            b.d().findElement(By.cssSelector("label[for=seqview-socket]")).click();
            assertEquals("#event-" + tx + "&view=socket", b.js("return location.hash;"));
            b.load(page, "#view=socket");
            assertEquals(Boolean.TRUE, b.js("return document.getElementById('seqview-socket').checked;"),
                    "the view alone in the address");
        }
    }
}
