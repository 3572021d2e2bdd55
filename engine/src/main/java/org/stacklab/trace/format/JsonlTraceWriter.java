package org.stacklab.trace.format;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import org.stacklab.trace.TraceEvent;
import org.stacklab.trace.TraceEvent.Candidate;
import org.stacklab.trace.TraceEvent.Delivery;
import org.stacklab.trace.TraceEvent.SocketRow;
import org.stacklab.trace.TraceSink;
import org.stacklab.wire.IcmpMessage;
import org.stacklab.wire.IpAddress;
import org.stacklab.wire.IpPacket;
import org.stacklab.wire.Ipv6Address;
import org.stacklab.wire.TcpFlags;
import org.stacklab.wire.TcpOptions;
import org.stacklab.wire.TcpSegment;
import org.stacklab.wire.Transport;

/**
 * trace.jsonl: one JSON object per event with the keys of the contract ({@code t_ns},
 * {@code host}, {@code event}, and per event type the keys docs/scenario-format.md lists), written
 * in a fixed order so that runs compare byte for byte.
 */
public final class JsonlTraceWriter implements TraceSink, TraceEvent.Visitor {
    private final Writer out;
    private final StringBuilder sb = new StringBuilder(512);

    public JsonlTraceWriter(Writer out) {
        this.out = new BufferedWriter(out, 1 << 16);
    }

    @Override
    public void accept(TraceEvent e) {
        sb.setLength(0);
        e.accept(this);
    }

    private Json start(TraceEvent e) {
        return new Json(sb).num("t_ns", e.time()).str("host", e.host()).str("event", e.kind());
    }

    private void line(Json j) {
        j.end();
        sb.append('\n');
        try {
            out.append(sb);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    @Override
    public void packet(TraceEvent.PacketEvent e) {
        Json j = start(e);
        packetFields(j, e.packet());
        if (e.retransmit()) {
            j.bool("retransmit", true);
        }
        Delivery d = e.delivery();
        if (d != null) {
            j.num("socket", d.socket()).str("process", d.process()).str("rule", d.rule()).str("local", d.local());
            StringBuilder a = j.raw("candidates");
            a.append('[');
            for (int i = 0; i < d.candidates().size(); i++) {
                Candidate c = d.candidates().get(i);
                if (i > 0) {
                    a.append(',');
                }
                Json cj = new Json(a).num("socket", c.socket()).str("process", c.process()).str("local", c.local())
                        .str("why", c.why());
                cj.end();
            }
            a.append(']');
            j.str("explanation", d.explanation());
        }
        if (e.reason() != null) {
            j.str("reason", e.reason());
            if (e.detail() != null) {
                j.str("detail", e.detail());
                if (e.reason().equals("firewall") && e.detail().startsWith("rule ")) {
                    j.num("rule", Integer.parseInt(e.detail().substring(5, e.detail().indexOf(' ', 5)))); // its index in rules
                }
            }
        }
        line(j);
    }

    /** Endpoint's text ({@code [2001:db8::5]:80} for IPv6) without making an Endpoint per event. */
    private static String endpoint(IpAddress ip, int port) {
        return ip instanceof Ipv6Address ? "[" + ip + "]:" + port : ip + ":" + port;
    }

    static void packetFields(Json j, IpPacket p) {
        Transport t = p.transport();
        j.str("proto", p.protocol().label());
        // IPv6 endpoints in brackets ([2001:db8::5]:80); ttl is the hop limit, and IPv6 has no ip_id
        j.str("src", endpoint(p.src(), t.srcPort())).str("dst", endpoint(p.dst(), t.dstPort()));
        j.num("len", t.payloadLength()).num("ttl", p.ttl());
        if (!p.isIpv6()) {
            j.num("ip_id", p.id());
        }
        if (t instanceof TcpSegment s) {
            j.str("flags", TcpFlags.format(s.flags())).num("seq", s.seq()).num("ack", s.ack()).num("win", s.window());
            options(j, s.options());
        } else if (t instanceof IcmpMessage m) {
            j.num("icmp_type", m.type()).num("icmp_code", m.code()).str("icmp", m.describe());
            if (m.quoted() != null) {
                IpPacket q = m.quoted();
                j.str("quoted", q.protocol().label() + " " + q.srcEndpoint() + " > " + q.dstEndpoint());
            }
        }
    }

    /** The options present: mss, sack_ok, ts_val/ts_ecr, wscale, and SACK blocks as [[left, right], ...]. */
    private static void options(Json j, TcpOptions o) {
        if (o.mss() > 0) {
            j.num("mss", o.mss());
        }
        if (o.sackPermitted()) {
            j.bool("sack_ok", true);
        }
        if (o.timestamps()) {
            j.num("ts_val", o.tsVal()).num("ts_ecr", o.tsEcr());
        }
        if (o.hasWindowScale()) {
            j.num("wscale", o.windowScale());
        }
        if (!o.sack().isEmpty()) {
            StringBuilder a = j.raw("sack");
            a.append('[');
            for (int i = 0; i < o.sack().size(); i++) {
                a.append(i > 0 ? ",[" : "[").append(o.sack().get(i).left()).append(',')
                        .append(o.sack().get(i).right()).append(']');
            }
            a.append(']');
        }
    }

    @Override
    public void call(TraceEvent.CallEvent e) {
        Json j = start(e).str("process", e.process()).str("step", e.step()).num("line", e.line())
                .str("call", e.args()).str("result", e.result());
        if (e.socket() != null) {
            j.str("socket", e.socket());
        }
        if (e.ready() != null) {
            StringBuilder a = j.raw("ready"); // poll: {"s": ["in"], ...}
            a.append('{');
            int i = 0;
            for (var r : e.ready().entrySet()) {
                a.append(i++ > 0 ? "," : "");
                Json.quote(a, r.getKey());
                a.append(":[");
                for (int k = 0; k < r.getValue().size(); k++) {
                    a.append(k > 0 ? "," : "");
                    Json.quote(a, r.getValue().get(k));
                }
                a.append(']');
            }
            a.append('}');
        }
        if (e.errno() != null) {
            j.str("errno", e.errno()).bool("expected", e.expected());
        }
        line(j);
    }

    @Override
    public void state(TraceEvent.StateEvent e) {
        line(start(e).num("socket", e.socket()).str("process", e.process()).str("from", e.from()).str("to", e.to()));
    }

    @Override
    public void bind(TraceEvent.BindEvent e) {
        line(start(e).num("socket", e.socket()).str("process", e.process()).str("proto", e.proto().label())
                .str("local", e.local().toString()).bool("ephemeral", e.auto()));
    }

    @Override
    public void note(TraceEvent.NoteEvent e) {
        line(start(e).str("process", e.process()).str("text", e.text()));
    }

    @Override
    public void snapshot(TraceEvent.SnapshotEvent e) {
        Json j = start(e);
        StringBuilder a = j.raw("sockets");
        a.append('[');
        for (int i = 0; i < e.rows().size(); i++) {
            SocketRow r = e.rows().get(i);
            if (i > 0) {
                a.append(',');
            }
            Json rj = new Json(a).num("socket", r.socket()).str("proto", r.proto()).str("state", r.state())
                    .str("local", r.local()).str("peer", r.peer()).str("process", r.process())
                    .num("recv_q", r.recvQ()).num("send_q", r.sendQ());
            rj.end();
        }
        a.append(']');
        line(j);
    }

    @Override
    public void nat(TraceEvent.NatEvent e) {
        line(start(e).str("type", e.type()).str("from", e.from().toString()).str("to", e.to().toString())
                .str("before", e.before()).str("after", e.after()).str("flow", e.flow()));
    }

    @Override
    public void conntrack(TraceEvent.ConntrackEvent e) {
        Json j = start(e);
        StringBuilder a = j.raw("flows");
        a.append('[');
        for (int i = 0; i < e.rows().size(); i++) {
            TraceEvent.ConntrackRow r = e.rows().get(i);
            if (i > 0) {
                a.append(',');
            }
            Json rj = new Json(a).str("proto", r.proto()).str("state", r.state()).num("timeout", r.timeout())
                    .str("orig_src", r.origSrc().toString()).str("orig_dst", r.origDst().toString())
                    .str("reply_src", r.replySrc().toString()).str("reply_dst", r.replyDst().toString())
                    .str("flags", r.flags()).str("line", r.line());
            rj.end();
        }
        a.append(']');
        line(j);
    }

    @Override
    public void expectation(TraceEvent.ExpectationEvent e) {
        Json j = start(e).str("expect", e.description()).bool("held", e.held()).num("line", e.line());
        if (e.detail() != null) {
            j.str("detail", e.detail());
        }
        line(j);
    }

    @Override
    public void process(TraceEvent.ProcessEvent e) {
        Json j = start(e).str("process", e.process()).str("what", e.what());
        if (e.detail() != null) {
            j.str("detail", e.detail());
        }
        line(j);
    }

    @Override
    public void cwnd(TraceEvent.CwndEvent e) {
        line(start(e).num("socket", e.socket()).num("cwnd", e.cwnd()).num("ssthresh", e.ssthresh()).str("why", e.why()));
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
