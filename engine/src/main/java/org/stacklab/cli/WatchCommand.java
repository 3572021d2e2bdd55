package org.stacklab.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * {@code stacklab watch SCENARIO.yaml [--out DIR] [--port N]}: runs the scenario, serves its
 * report.html on 127.0.0.1 (a free port unless given), and runs it again whenever the file
 * changes; the open page asks {@code /version} twice a second and reloads when it moved. A
 * scenario that no longer loads is shown on the page above the last good report, and the watch
 * goes on. Ends with Ctrl-C.
 */
final class WatchCommand implements AutoCloseable {
    static final String USAGE = "usage: stacklab watch SCENARIO.yaml [--out DIR] [--port N]";
    /** How often the file's time and size are looked at. */
    static final long POLL_MS = 200;

    private final Path scenario;
    private final Path outDir;
    private final PrintStream out;
    private final HttpServer server;
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "stacklab-watch");
        t.setDaemon(true);
        return t;
    });
    private volatile long version;
    private volatile String error = "";
    private FileTime seenTime;
    private long seenSize = -1;

    WatchCommand(Path scenario, Path outDir, int port, PrintStream out) throws IOException {
        this.scenario = scenario;
        this.outDir = outDir;
        this.out = out;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 8);
        server.createContext("/", this::serve);
        server.setExecutor(Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "stacklab-watch-http");
            t.setDaemon(true);
            return t;
        }));
    }

    /** The command line: parses, starts, and waits until the process is stopped. */
    static int main(String[] args, PrintStream out, PrintStream err) throws UsageException {
        String file = null;
        String dir = null;
        int port = 0;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--out" -> dir = value(args, ++i, "--out");
                case "--port" -> port = port(value(args, ++i, "--port"));
                default -> {
                    if (args[i].startsWith("-") || file != null) {
                        throw new UsageException("watch: unexpected '" + args[i] + "'; " + USAGE);
                    }
                    file = args[i];
                }
            }
        }
        if (file == null) {
            throw new UsageException("watch: which scenario? " + USAGE);
        }
        Path sc = ScenarioArgument.file(file);
        Path outDir = dir != null ? Path.of(dir) : Path.of("reports", "watch");
        try (WatchCommand w = new WatchCommand(sc, outDir, port, out)) {
            w.start();
            out.println("stacklab watch: serving " + outDir.resolve("report.html") + " at " + w.url()
                    + " (127.0.0.1 only); rerunning on every save of " + file + "; Ctrl-C ends");
            out.flush();
            Thread.currentThread().join(); // until Ctrl-C ends the process, or the thread is interrupted
            return Exit.OK;
        } catch (IOException e) {
            throw new UsageException("watch: cannot serve on 127.0.0.1" + (port > 0 ? ":" + port : "") + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Exit.OK;
        }
    }

    private static String value(String[] args, int i, String opt) throws UsageException {
        if (i >= args.length) {
            throw new UsageException("watch: " + opt + " needs a value; " + USAGE);
        }
        return args[i];
    }

    private static int port(String v) throws UsageException {
        try {
            int p = Integer.parseInt(v);
            if (p >= 0 && p <= 65_535) {
                return p;
            }
        } catch (NumberFormatException e) {
            // falls through to the message
        }
        throw new UsageException("watch: --port: expected 0 to 65535, got '" + v + "'");
    }

    /** Runs once, then serves and watches. */
    void start() {
        rerunIfChanged();
        server.start();
        poller.scheduleWithFixedDelay(this::rerunIfChanged, POLL_MS, POLL_MS, TimeUnit.MILLISECONDS);
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    long version() {
        return version;
    }

    private synchronized void rerunIfChanged() {
        try {
            FileTime t = Files.getLastModifiedTime(scenario);
            long size = Files.size(scenario);
            if (t.equals(seenTime) && size == seenSize) {
                return;
            }
            seenTime = t;
            seenSize = size;
        } catch (IOException e) {
            error = "cannot read " + scenario + ": " + e.getMessage();
            version++;
            return;
        }
        ByteArrayOutputStream msg = new ByteArrayOutputStream();
        PrintStream p = new PrintStream(msg, true, StandardCharsets.UTF_8);
        int status = Main.run(new String[] {"run", scenario.toString(), "--out", outDir.toString(), "--quiet"}, p, p);
        String text = msg.toString(StandardCharsets.UTF_8).strip();
        error = status == Exit.BAD_INPUT || status == Exit.INTERNAL ? text : "";
        version++;
        out.println("stacklab watch: run " + version + (error.isEmpty() ? ": ok" : ": " + error));
        out.flush();
    }

    private void serve(HttpExchange x) throws IOException {
        String path = x.getRequestURI().getPath();
        byte[] body;
        String type = "text/html; charset=utf-8";
        if (path.equals("/version")) {
            body = Long.toString(version).getBytes(StandardCharsets.UTF_8);
            type = "text/plain; charset=utf-8";
        } else if (path.equals("/") || path.equals("/report.html")) {
            body = WatchPage.render(outDir.resolve("report.html"), error, version).getBytes(StandardCharsets.UTF_8);
        } else {
            x.sendResponseHeaders(404, -1);
            x.close();
            return;
        }
        x.getResponseHeaders().set("Content-Type", type);
        x.getResponseHeaders().set("Cache-Control", "no-store");
        x.sendResponseHeaders(200, body.length);
        try (OutputStream os = x.getResponseBody()) {
            os.write(body);
        }
    }

    @Override
    public void close() {
        poller.shutdownNow();
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
