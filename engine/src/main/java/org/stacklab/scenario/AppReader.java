package org.stacklab.scenario;

import java.util.List;
import java.util.Map;
import org.stacklab.wire.Endpoint;

/** Reads a process's {@code app} and {@code args} into an {@link AppSpec}. */
final class AppReader {
    /** The arguments each built-in app takes. */
    static final Map<String, List<String>> ARGS = Map.of(
            "udp-echo-server", List.of("port"),
            "udp-echo-client", List.of("to", "count", "interval", "size"),
            "tcp-echo-server", List.of("port"),
            "tcp-bulk-send", List.of("to", "bytes"),
            "tcp-sink", List.of("port"),
            "http-server", List.of("port", "body"),
            "http-client", List.of("to", "path"));
    /** The largest UDP payload over IPv4: 65535 - 20 (IP header) - 8 (UDP header). */
    static final int MAX_UDP_PAYLOAD = 65507;

    private final Problems problems;

    AppReader(Problems problems) {
        this.problems = problems;
    }

    /** The app of process map {@code proc}, or null after reporting what is wrong with it. */
    AppSpec read(Fields proc) {
        String app = proc.string("app", null);
        if (app == null) {
            return null;
        }
        List<String> takes = ARGS.get(app);
        if (takes == null) {
            proc.error("app", "unknown app '" + app + "'"
                    + Suggest.didYouMean(app, AppSpec.KNOWN, "; apps are: " + String.join(", ", AppSpec.KNOWN)));
            return null;
        }
        YamlNode.Mapping args = proc.has("args") ? proc.mapping("args") : new YamlNode.Mapping(proc.valuePos("app"), Map.of());
        if (args == null) {
            return null;
        }
        Fields f = new Fields(problems, args, "in args of app '" + app + "'").allow(takes, key -> "app '" + app
                + "' does not take '" + key + "'" + Suggest.didYouMean(key, takes, "; it takes: " + String.join(", ", takes)));
        return spec(app, takes, f, proc.valuePos("app"));
    }

    private AppSpec spec(String app, List<String> takes, Fields f, Pos appPos) {
        boolean ok = true;
        if (takes.contains("port") && !f.has("port")) {
            problems.at(appPos, "app '" + app + "' needs 'port' in its args");
            ok = false;
        }
        if (takes.contains("to") && !f.has("to")) {
            problems.at(appPos, "app '" + app + "' needs 'to' (ip:port) in its args");
            ok = false;
        }
        Long port = f.whole("port", 1, 65535);
        Endpoint to = f.parsed("to", "ip:port", Endpoint::parse);
        long count = f.whole("count", 1, Long.MAX_VALUE, 1);
        long interval = f.time("interval", 1_000_000_000L);
        long size = f.whole("size", 0, MAX_UDP_PAYLOAD, 64);
        long bytes = f.whole("bytes", 0, Long.MAX_VALUE, 65536);
        String body = f.string("body", "hello");
        String path = f.string("path", "/");
        ok &= !(f.has("port") && port == null) && !(f.has("to") && to == null);
        return ok ? new AppSpec(appPos, app, port == null ? 0 : port.intValue(), to, count, interval, (int) size,
                bytes, body, path) : null;
    }
}
