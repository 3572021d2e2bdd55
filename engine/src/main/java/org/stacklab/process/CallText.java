package org.stacklab.process;

import java.util.Locale;
import org.stacklab.sim.SimTime;

/** Renders a step or call for traces: {@code bind(s, 0.0.0.0:80)}, {@code recvfrom(fd 3, max 65536)}. */
public final class CallText {
    private CallText() {}

    public static String of(Step s, Call c) {
        if (s != null) {
            return step(s);
        }
        return c == null ? "?" : call(c);
    }

    static String step(Step s) {
        return s.accept(STEP);
    }

    static String call(Call c) {
        return c.accept(CALL);
    }

    /** A step as the scenario wrote it: socket names and templates, not descriptors and values. */
    private static final Step.Visitor<String> STEP = new Step.Visitor<>() {
        @Override
        public String socket(Step.Socket k) {
            String family = k.family() == org.stacklab.transport.Family.INET6 ? ", inet6" : "";
            return "socket(" + k.name() + ", " + k.type().name().toLowerCase(Locale.ROOT) + family + ")";
        }

        @Override
        public String setSockOpt(Step.SetSockOpt o) {
            Step.Opts x = o.opts();
            return "setsockopt(" + o.socket() + opt("reuseaddr", o.reuseAddr()) + opt("reuseport", o.reusePort())
                    + opt("v6only", o.v6only())
                    + time("linger", x.lingerNs()) + num("rcvbuf", x.rcvbuf()) + num("sndbuf", x.sndbuf())
                    + opt("nodelay", x.nodelay()) + opt("keepalive", x.keepalive()) + time("keepidle", x.keepIdleNs())
                    + time("keepintvl", x.keepIntvlNs()) + num("keepcnt", x.keepCnt()) + ")";
        }

        @Override
        public String bind(Step.Bind b) {
            return "bind(" + b.socket() + ", " + b.addr() + ")";
        }

        @Override
        public String listen(Step.Listen l) {
            return "listen(" + l.socket() + (l.backlog() >= 0 ? ", backlog " + l.backlog() : "") + ")";
        }

        @Override
        public String accept(Step.Accept a) {
            return "accept(" + a.socket() + " as " + a.as() + ")";
        }

        @Override
        public String connect(Step.Connect c) {
            return "connect(" + c.socket() + ", " + c.addr() + ")";
        }

        @Override
        public String send(Step.Send d) {
            return "send(" + d.socket() + ", " + data(d.data()) + flags(d.flags()) + ")";
        }

        @Override
        public String sendTo(Step.SendTo d) {
            return "sendto(" + d.socket() + ", " + d.to() + ", " + data(d.data()) + flags(d.flags()) + ")";
        }

        @Override
        public String recv(Step.Recv r) {
            return "recv(" + r.socket() + (r.flags() != 0 && r.max() > 0 ? ", max " + r.max() : "") + flags(r.flags()) + ")";
        }

        @Override
        public String recvFrom(Step.RecvFrom r) {
            return "recvfrom(" + r.socket() + (r.as() != null ? " as " + r.as() : "") + flags(r.flags()) + ")";
        }

        @Override
        public String getSockName(Step.GetSockName g) {
            return "getsockname(" + g.socket() + ")";
        }

        @Override
        public String getPeerName(Step.GetPeerName g) {
            return "getpeername(" + g.socket() + ")";
        }

        @Override
        public String getSockOpt(Step.GetSockOpt g) {
            return "getsockopt(" + g.socket() + ", SO_ERROR)";
        }

        @Override
        public String shutdown(Step.Shutdown d) {
            return "shutdown(" + d.socket() + ", " + d.how() + ")";
        }

        @Override
        public String close(Step.Close c) {
            return "close(" + c.socket() + ")";
        }

        @Override
        public String sleep(Step.Sleep sl) {
            return "sleep(" + SimTime.human(sl.ns()) + ")";
        }

        @Override
        public String repeat(Step.Repeat r) {
            return r.kind();
        }

        @Override
        public String retry(Step.Retry r) {
            return r.kind();
        }

        @Override
        public String exit(Step.Exit x) {
            return "exit()";
        }

        @Override
        public String poll(Step.Poll p) {
            StringBuilder sb = new StringBuilder("poll(");
            p.fds().forEach((name, ev) -> sb.append(sb.length() > 5 ? ", " : "").append(name).append(' ')
                    .append(String.join("|", org.stacklab.transport.Readiness.names(ev))));
            if (p.common().hasTimeout()) {
                sb.append(", timeout ").append(SimTime.human(p.common().timeoutNs()));
            }
            return sb.append(")").toString();
        }

        @Override
        public String note(Step.Note n) {
            return n.kind();
        }
    };

    /** A call as a built-in app makes it: descriptors and sizes; the call's name alone for the others. */
    private static final Call.Visitor<String> CALL = new Call.Partial<>() {
        @Override
        protected String otherwise(Call c) {
            return c.name();
        }

        @Override
        public String open(Call.Open o) {
            String family = o.family() == org.stacklab.transport.Family.INET6 ? ", inet6" : "";
            return "socket(" + o.type().name().toLowerCase(Locale.ROOT) + family + ")";
        }

        @Override
        public String bind(Call.Bind b) {
            return "bind(fd " + b.fd() + ", " + b.addr() + ")";
        }

        @Override
        public String listen(Call.Listen l) {
            return "listen(fd " + l.fd() + ")";
        }

        @Override
        public String accept(Call.Accept a) {
            return "accept(fd " + a.fd() + ")";
        }

        @Override
        public String connect(Call.Connect k) {
            return "connect(fd " + k.fd() + ", " + k.addr() + ")";
        }

        @Override
        public String send(Call.Send d) {
            return "send(fd " + d.fd() + ", " + d.data().length() + " bytes)";
        }

        @Override
        public String sendTo(Call.SendTo d) {
            return "sendto(fd " + d.fd() + ", " + d.to() + ", " + d.data().length() + " bytes)";
        }

        @Override
        public String recv(Call.Recv r) {
            return "recv(fd " + r.fd() + ")";
        }

        @Override
        public String recvFrom(Call.RecvFrom r) {
            return "recvfrom(fd " + r.fd() + ")";
        }

        @Override
        public String close(Call.Close k) {
            return "close(fd " + k.fd() + ")";
        }

        @Override
        public String poll(Call.Poll p) {
            return "poll(" + p.fds().size() + " fds)";
        }

        @Override
        public String sleep(Call.Sleep s) {
            return "sleep(" + SimTime.human(s.ns()) + ")";
        }
    };

    private static String flags(int f) {
        return f == 0 ? "" : ", " + String.join("|", org.stacklab.transport.MsgFlags.names(f));
    }

    private static String num(String name, Integer v) {
        return v == null ? "" : ", " + name + " " + v;
    }

    private static String time(String name, Long ns) {
        return ns == null ? "" : ", " + name + " " + SimTime.human(ns);
    }

    private static String opt(String name, Boolean v) {
        return v == null ? "" : ", " + name + " " + (v ? "on" : "off");
    }

    private static String data(Step.Data d) {
        if (d.isGenerated()) {
            return d.generated() + " bytes";
        }
        String t = d.template().replace("\r", "\\r").replace("\n", "\\n");
        return "\"" + (t.length() > 40 ? t.substring(0, 37) + "..." : t) + "\"";
    }
}
