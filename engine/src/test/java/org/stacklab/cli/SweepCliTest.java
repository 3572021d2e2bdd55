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
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code stacklab sweep} end to end: the CSV's rows, its determinism, the plot, bad input. */
class SweepCliTest {
    @TempDir
    Path tmp;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        out.reset();
        err.reset();
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private static final String ECHO = String.join("\n",
            "scenario: sweepme",
            "defaults:",
            "  link: {latency: 1ms, bandwidth: 100Mbps}",
            "hosts:",
            "  - {name: server, ip: 192.168.1.5}",
            "  - {name: client, ip: 10.0.0.2, count: 3}",
            "links:",
            "  - {a: client, b: server}",
            "processes:",
            "  - {name: echo, host: server, app: udp-echo-server, args: {port: 7}}",
            "  - {name: pinger, host: client, start: 1ms, app: udp-echo-client,",
            "     args: {to: 192.168.1.5:7, count: 20, interval: 1ms, size: 100}}",
            "");

    private Path scenario() throws IOException {
        Path p = tmp.resolve("s.yaml");
        Files.writeString(p, ECHO);
        return p;
    }

    @Test
    void everyCombinationIsOneRowAndLossShowsInTheDrops() throws IOException {
        Path s = scenario();
        Path dir = tmp.resolve("out");
        assertEquals(0, run("sweep", s.toString(), "--set", "link.loss=0%,10%", "--set", "processes.pinger.args.size=100,200",
                "--seeds", "1-3", "--out", dir.toString(), "--plot", "delivered"), err.toString());
        List<String> rows = Files.readAllLines(dir.resolve("sweep.csv"));
        assertEquals(1 + 2 * 2 * 3, rows.size());
        List<String> header = List.of(rows.get(0).split(","));
        int loss = header.indexOf("link.loss");
        int size = header.indexOf("processes.pinger.args.size");
        int dropLoss = header.indexOf("drop_loss");
        int bytes = header.indexOf("received_bytes");
        int sent = header.indexOf("sent");
        for (String r : rows.subList(1, rows.size())) {
            String[] c = r.split(",", -1);
            long lost = Long.parseLong(c[dropLoss]);
            if (c[loss].equals("0%")) {
                assertEquals(0, lost, r);
                // 3 clients x 20 echoes, every echo back: the server receives 60 datagrams of `size`
                // bytes and the clients as many again (received_bytes counts every process)
                assertEquals(2 * 3 * 20 * Long.parseLong(c[size]), Long.parseLong(c[bytes]), r);
                assertEquals(120, Long.parseLong(c[sent]), r);
            } else {
                assertTrue(lost > 0, "10% loss over 120 packets loses some: " + r);
            }
        }
        String svg = Files.readString(dir.resolve("sweep.svg"));
        assertTrue(svg.startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\""));
        assertTrue(svg.contains("delivered against link.loss"));
        assertTrue(svg.contains("processes.pinger.args.size=200"), "the other parameter makes a series");
        assertTrue(out.toString().contains("8 runs") || out.toString().contains("12 runs"), out.toString());
    }

    @Test
    void theSameSweepGivesTheSameBytesOnOneThreadOrMany() throws IOException {
        Path s = scenario();
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        assertEquals(0, run("sweep", s.toString(), "--set", "link.loss=1%,5%", "--seeds", "1-6", "--jobs", "1", "--out", a.toString()));
        assertEquals(0, run("sweep", s.toString(), "--set", "link.loss=1%,5%", "--seeds", "1-6", "--jobs", "4", "--out", b.toString()));
        assertEquals(Files.readString(a.resolve("sweep.csv")), Files.readString(b.resolve("sweep.csv")));
        assertEquals(Files.readString(a.resolve("sweep.svg")), Files.readString(b.resolve("sweep.svg")));
        String[] lines = Files.readString(a.resolve("sweep.csv")).split("\n");
        assertFalse(lines[1].split(",")[0].isEmpty());
        assertTrue(!lines[1].equals(lines[2].replaceFirst("^2,2", "1,1")), "seeds 1 and 2 lose different packets at 1%");
    }

    @Test
    void partsOfASweepMergeIntoTheWholeSweep() throws IOException {
        Path s = scenario();
        String[] common = {"sweep", s.toString(), "--set", "link.loss=0%,2%,5%", "--seeds", "1-3"};
        assertEquals(0, run(concat(common, "--out", tmp.resolve("all").toString())));
        assertEquals(0, run(concat(common, "--part", "1/2", "--out", tmp.resolve("p1").toString())));
        assertEquals(0, run(concat(common, "--part", "2/2", "--out", tmp.resolve("p2").toString())));
        List<String> whole = Files.readAllLines(tmp.resolve("all/sweep.csv"));
        List<String> p1 = Files.readAllLines(tmp.resolve("p1/sweep.csv"));
        List<String> p2 = Files.readAllLines(tmp.resolve("p2/sweep.csv"));
        assertEquals(whole.get(0), p1.get(0));
        assertEquals(5 + 1, p1.size(), "runs 1, 3, 5, 7, 9");
        java.util.List<String> merged = new java.util.ArrayList<>(p1.subList(1, p1.size()));
        merged.addAll(p2.subList(1, p2.size()));
        merged.sort(java.util.Comparator.comparingInt(l -> Integer.parseInt(l.substring(0, l.indexOf(',')))));
        assertEquals(whole.subList(1, whole.size()), merged);
    }

    private static String[] concat(String[] a, String... b) {
        String[] r = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    @Test
    void badInputIsOneLineAndExitTwo() throws IOException {
        Path s = scenario();
        String f = s.toString();
        String o = tmp.resolve("o").toString();
        String[][] bad = {
            {"sweep", f, "--set", "link.loss", "--out", o},
            {"sweep", f, "--set", "link.loss=1%", "--plot", "speed", "--out", o},
            {"sweep", f, "--set", "link.loss=1%", "--x", "latency", "--out", o},
            {"sweep", f, "--set", "processes.nobody.args.count=1", "--out", o},
            {"sweep", f, "--set", "link.loss=lots", "--out", o},
            {"sweep", f, "--seeds", "9-1", "--out", o},
            {"sweep", f, "--jobs", "0", "--out", o},
            {"sweep", f, "--part", "3/2", "--out", o},
            {"sweep", tmp.resolve("missing.yaml").toString()},
            {"sweep", f, "--set", "link.loss=1%", "--set", "link.loss=2%", "--out", o},
        };
        for (String[] args : bad) {
            assertEquals(2, run(args), String.join(" ", args) + ": " + err);
            String e = err.toString().trim();
            assertEquals(1, e.lines().count(), "one line for " + String.join(" ", args) + ": " + e);
            assertFalse(e.contains("Exception"), e);
        }
        assertFalse(Files.exists(Path.of(o)), "nothing written on bad input");
    }
}
