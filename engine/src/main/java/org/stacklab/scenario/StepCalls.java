package org.stacklab.scenario;

import static java.util.Map.entry;

import java.util.List;
import java.util.Map;
import org.stacklab.process.Step;
import org.stacklab.transport.MsgFlags;
import org.stacklab.transport.Readiness;
import org.stacklab.transport.Family;
import org.stacklab.transport.SocketError;
import org.stacklab.wire.Endpoint;

/** Builds each socket-call step from its checked fields. */
final class StepCalls {
    /** A correct example of each step, shown when a step is written wrongly. */
    static final Map<String, String> EXAMPLES = Map.ofEntries(
            entry("socket", "{name: s, type: stream}"),
            entry("setsockopt", "{socket: s, reuseaddr: true}"),
            entry("bind", "{socket: s, addr: 0.0.0.0:80}"),
            entry("listen", "{socket: s, backlog: 16}"),
            entry("accept", "{socket: s, as: conn}"),
            entry("connect", "{socket: c, addr: 192.168.1.5:80}"),
            entry("send", "{socket: c, data: \"hello\"}"),
            entry("sendto", "{socket: u, to: 10.0.0.1:7, data: \"ping\"}"),
            entry("recv", "{socket: c, expect: \"200 OK\"}"),
            entry("recvfrom", "{socket: u, as: m}"),
            entry("getsockname", "{socket: s, expect: \"10.0.0.1:*\"}"),
            entry("getpeername", "{socket: s, expect: \"10.0.0.1:80\"}"),
            entry("getsockopt", "{socket: s, error: 0}"),
            entry("shutdown", "{socket: c, how: write}"),
            entry("close", "{socket: c}"),
            entry("poll", "{fds: {s: [in]}, timeout: 1s, expect: {s: [in]}}"));
    static final List<String> SHUTDOWN_HOW = List.of("read", "write", "both");
    static final List<String> FAMILIES = List.of(Family.INET.label(), Family.INET6.label());

    private final Problems problems;
    private final ScriptScope scope;

    StepCalls(Problems problems, ScriptScope scope) {
        this.problems = problems;
        this.scope = scope;
    }

    /** The step of {@code kind} (a key of {@link StepReader#FIELDS}), or null after reporting mistakes. */
    Step build(String kind, Step.Common c, Fields f) {
        return switch (kind) {
            case "socket" -> socket(c, f);
            case "setsockopt" -> setsockopt(c, f);
            case "bind" -> new Step.Bind(c, scope.useSocket(f), scope.address(f, "addr"));
            case "listen" -> new Step.Listen(c, scope.useSocket(f), (int) f.whole("backlog", 0, Integer.MAX_VALUE, -1));
            case "accept" -> accept(c, f);
            case "connect" -> connect(c, f);
            case "send" -> new Step.Send(c, scope.useSocket(f), scope.data(f), flags(f, MsgFlags.SEND_NAMES));
            case "sendto" -> new Step.SendTo(c, scope.useSocket(f), scope.address(f, "to"), scope.data(f),
                    flags(f, MsgFlags.SEND_NAMES));
            case "recv" -> new Step.Recv(c, scope.useSocket(f), max(f), f.string("expect", null), flags(f, MsgFlags.RECV_NAMES),
                    f.whole("expect_len", 0, Integer.MAX_VALUE, -1));
            case "poll" -> poll(c, f);
            case "recvfrom" -> recvfrom(c, f);
            case "getsockname" -> getsockname(c, f);
            case "getpeername" -> getpeername(c, f);
            case "getsockopt" -> getsockopt(c, f);
            case "shutdown" -> shutdown(c, f);
            case "close" -> new Step.Close(c, scope.useSocket(f));
            default -> throw new IllegalArgumentException("no step kind " + kind);
        };
    }

    private Step socket(Step.Common c, Fields f) {
        String name = f.requiredString("name");
        String type = f.requiredString("type");
        Step.SockType t = null;
        if ("stream".equals(type)) {
            t = Step.SockType.STREAM;
        } else if ("dgram".equals(type)) {
            t = Step.SockType.DGRAM;
        } else if (type != null) {
            f.error("type", "'type' must be stream (TCP) or dgram (UDP), got '" + type + "'");
        }
        String fam = f.string("family", Family.INET.label());
        Family family = Family.byLabel(fam);
        if (family == null) {
            f.error("family", "'family' must be inet (AF_INET) or inet6 (AF_INET6), got '" + fam + "'"
                    + Suggest.didYouMean(fam, FAMILIES, ""));
            family = Family.INET;
        }
        scope.defineSocket(name);
        Boolean nb = f.bool("nonblocking");
        return new Step.Socket(c, name, t, nb != null && nb, family);
    }

    private Step setsockopt(Step.Common c, Fields f) {
        String socket = scope.useSocket(f);
        if (StepReader.FIELDS.get("setsockopt").stream().noneMatch(k -> !k.equals("socket") && f.has(k))) {
            problems.at(f.pos(), "setsockopt needs 'reuseaddr', 'reuseport', 'nonblocking' or 'v6only'"); // or a second-wave option
        }
        Long rcv = f.whole("rcvbuf", 1, Integer.MAX_VALUE);
        Long snd = f.whole("sndbuf", 1, Integer.MAX_VALUE);
        Long cnt = f.whole("keepcnt", 1, 127);
        Step.Opts opts = new Step.Opts(f.time("linger"), rcv == null ? null : rcv.intValue(), snd == null ? null : snd.intValue(),
                f.bool("nodelay"), f.bool("keepalive"), positive(f, "keepidle"), positive(f, "keepintvl"),
                cnt == null ? null : cnt.intValue());
        return new Step.SetSockOpt(c, socket, f.bool("reuseaddr"), f.bool("reuseport"), f.bool("nonblocking"), f.bool("v6only"),
                opts);
    }

    /** TCP_KEEPIDLE and TCP_KEEPINTVL: whole seconds from 1 to 32767, as Linux takes them. */
    private static Long positive(Fields f, String key) {
        Long t = f.time(key);
        if (t != null && (t < org.stacklab.sim.SimTime.S || t > 32767 * org.stacklab.sim.SimTime.S
                || t % org.stacklab.sim.SimTime.S != 0)) {
            f.error(key, "'" + key + "' must be whole seconds from 1s to 32767s, as Linux takes it");
            return null;
        }
        return t;
    }

    /** {@code addr} of a connect: ip:port, or {@code unspec} for connect(AF_UNSPEC). */
    private Step connect(Step.Common c, Fields f) {
        String socket = scope.useSocket(f);
        if (Step.Connect.UNSPEC.equals(f.string("addr", null))) {
            return new Step.Connect(c, socket, Step.Connect.UNSPEC);
        }
        return new Step.Connect(c, socket, scope.address(f, "addr"));
    }

    /** {@code flags: [peek, waitall, ...]}: MSG_ bits; names outside {@code known} are refused. */
    private int flags(Fields f, List<String> known) {
        List<YamlNode> items = f.list("flags");
        int bits = 0;
        for (YamlNode n : items == null ? List.<YamlNode>of() : items) {
            String t = n instanceof YamlNode.Scalar sc ? sc.text().strip() : "?";
            if (!known.contains(t)) {
                problems.at(n.pos(), "unknown flag '" + t + "'" + Suggest.didYouMean(t, known, "; flags here are: "
                        + String.join(", ", known)));
            } else {
                bits |= MsgFlags.of(t);
            }
        }
        return bits;
    }

    /** {@code poll: {fds: {s: [in, out]}, expect: {s: [out]}, expect_count: N}} with the common timeout. */
    private Step poll(Step.Common c, Fields f) {
        java.util.Map<String, Integer> fds = events(f, "fds", true);
        java.util.Map<String, Integer> want = f.has("expect") ? events(f, "expect", false) : null;
        int count = (int) f.whole("expect_count", 0, Integer.MAX_VALUE, -1);
        if (want != null && fds != null) {
            for (String name : want.keySet()) {
                if (!fds.containsKey(name)) {
                    f.error("expect", "'expect' names '" + name + "', which 'fds' does not poll");
                }
            }
        }
        return fds == null ? null : new Step.Poll(c, fds, want, count);
    }

    /** A map of socket names to lists of events ({@code in}, {@code out}, {@code pri}; in results also {@code err}, {@code hup}). */
    private java.util.Map<String, Integer> events(Fields f, String key, boolean asked) {
        if (asked && !f.require(key)) {
            return null;
        }
        YamlNode.Mapping m = f.mapping(key);
        if (m == null) {
            return null;
        }
        if (asked && m.entries().isEmpty()) {
            f.error(key, "'fds' is empty: name at least one socket, like {s: [in]}");
            return null;
        }
        List<String> names = asked ? List.of("in", "out", "pri") : Readiness.NAMES;
        java.util.Map<String, Integer> out = new java.util.LinkedHashMap<>();
        for (YamlNode.Entry e : m.entries().values()) {
            if (!scope.knows(e.key())) {
                problems.at(e.keyPos(), "unknown socket '" + e.key() + "' in '" + key + "': no earlier 'socket' or 'accept ... as:' step names it");
            }
            List<YamlNode> evs = Values.list(problems, e.value(), " for socket '" + e.key() + "' in '" + key + "' (like [in, out])");
            int bits = 0;
            for (YamlNode n : evs == null ? List.<YamlNode>of() : evs) {
                String t = n instanceof YamlNode.Scalar sc ? sc.text().strip() : "?";
                if (!names.contains(t)) {
                    problems.at(n.pos(), "unknown event '" + t + "'" + Suggest.didYouMean(t, names, "; events here are: "
                            + String.join(", ", names)));
                } else {
                    bits |= Readiness.bit(t);
                }
            }
            out.put(e.key(), bits);
        }
        return out;
    }

    private Step accept(Step.Common c, Fields f) {
        String socket = scope.useSocket(f);
        String as = f.requiredString("as");
        scope.defineSocket(as);
        return new Step.Accept(c, socket, as);
    }

    private Step recvfrom(Step.Common c, Fields f) {
        String socket = scope.useSocket(f);
        int max = max(f);
        String expect = f.string("expect", null);
        String from = f.string("expect_from", null);
        if (from != null && !from.contains("${")) {
            String t = from.endsWith(":*") ? from.substring(0, from.length() - 2) + ":0" : from;
            try {
                Endpoint.parse(t);
            } catch (IllegalArgumentException e) {
                f.error("expect_from", "'expect_from' must be ip:port (the port may be *), got '" + from + "'");
            }
        }
        return new Step.RecvFrom(c, socket, max, scope.defineVariable(f), expect, flags(f, MsgFlags.RECV_NAMES),
                f.whole("expect_len", 0, Integer.MAX_VALUE, -1), from);
    }

    private Step getsockname(Step.Common c, Fields f) {
        String socket = scope.useSocket(f);
        String expect = f.string("expect", null);
        if (expect != null) {
            String t = expect.endsWith(":*") ? expect.substring(0, expect.length() - 2) + ":0" : expect;
            try {
                Endpoint.parse(t);
            } catch (IllegalArgumentException e) {
                f.error("expect", "'expect' of getsockname must be ip:port (the port may be *), got '" + expect + "'");
            }
        }
        return new Step.GetSockName(c, socket, expect);
    }

    private Step getpeername(Step.Common c, Fields f) {
        Step.GetSockName g = (Step.GetSockName) getsockname(c, f);
        return new Step.GetPeerName(c, g.socket(), g.expect());
    }

    /** {@code getsockopt: {socket, error: 0 | ERRNO}}: SO_ERROR, the one option read back. */
    private Step getsockopt(Step.Common c, Fields f) {
        String socket = scope.useSocket(f);
        String error = f.string("error", null);
        if (error == null && !f.has("error")) {
            problems.at(f.pos(), "getsockopt needs 'error' (SO_ERROR): 0 or an errno name, like {socket: s, error: 0}");
        } else if (error != null && !error.equals("0") && SocketError.byName(error) == null) {
            f.error("error", "'error' must be 0 or an errno name, got '" + error + "'");
        }
        return new Step.GetSockOpt(c, socket, error == null ? null : error.equals("0") ? "0" : error.toUpperCase(java.util.Locale.ROOT));
    }

    private Step shutdown(Step.Common c, Fields f) {
        String socket = scope.useSocket(f);
        String how = f.string("how", "both");
        if (how != null && !SHUTDOWN_HOW.contains(how)) {
            f.error("how", "'how' must be read, write or both, got '" + how + "'");
        }
        return new Step.Shutdown(c, socket, how);
    }

    private static int max(Fields f) {
        return (int) f.whole("max", 1, Integer.MAX_VALUE, 0);
    }
}
