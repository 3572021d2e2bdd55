package org.stacklab.process;

import java.util.Locale;

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
        if (s instanceof Step.Socket k) {
            return "socket(" + k.name() + ", " + k.type().name().toLowerCase(Locale.ROOT) + ")";
        } else if (s instanceof Step.SetSockOpt o) {
            return "setsockopt(" + o.socket() + opt("reuseaddr", o.reuseAddr()) + opt("reuseport", o.reusePort()) + ")";
        } else if (s instanceof Step.Bind b) {
            return "bind(" + b.socket() + ", " + b.addr() + ")";
        } else if (s instanceof Step.Listen l) {
            return "listen(" + l.socket() + (l.backlog() >= 0 ? ", backlog " + l.backlog() : "") + ")";
        } else if (s instanceof Step.Accept a) {
            return "accept(" + a.socket() + " as " + a.as() + ")";
        } else if (s instanceof Step.Connect c) {
            return "connect(" + c.socket() + ", " + c.addr() + ")";
        } else if (s instanceof Step.Send d) {
            return "send(" + d.socket() + ", " + data(d.data()) + ")";
        } else if (s instanceof Step.SendTo d) {
            return "sendto(" + d.socket() + ", " + d.to() + ", " + data(d.data()) + ")";
        } else if (s instanceof Step.Recv r) {
            return "recv(" + r.socket() + ")";
        } else if (s instanceof Step.RecvFrom r) {
            return "recvfrom(" + r.socket() + (r.as() != null ? " as " + r.as() : "") + ")";
        } else if (s instanceof Step.GetSockName g) {
            return "getsockname(" + g.socket() + ")";
        } else if (s instanceof Step.Shutdown d) {
            return "shutdown(" + d.socket() + ", " + d.how() + ")";
        } else if (s instanceof Step.Close c) {
            return "close(" + c.socket() + ")";
        } else if (s instanceof Step.Sleep sl) {
            return "sleep(" + org.stacklab.sim.SimTime.human(sl.ns()) + ")";
        }
        return s.kind();
    }

    static String call(Call c) {
        if (c instanceof Call.Open o) {
            return "socket(" + o.type().name().toLowerCase(Locale.ROOT) + ")";
        } else if (c instanceof Call.Bind b) {
            return "bind(fd " + b.fd() + ", " + b.addr() + ")";
        } else if (c instanceof Call.Listen l) {
            return "listen(fd " + l.fd() + ")";
        } else if (c instanceof Call.Accept a) {
            return "accept(fd " + a.fd() + ")";
        } else if (c instanceof Call.Connect k) {
            return "connect(fd " + k.fd() + ", " + k.addr() + ")";
        } else if (c instanceof Call.Send d) {
            return "send(fd " + d.fd() + ", " + d.data().length() + " bytes)";
        } else if (c instanceof Call.SendTo d) {
            return "sendto(fd " + d.fd() + ", " + d.to() + ", " + d.data().length() + " bytes)";
        } else if (c instanceof Call.Recv r) {
            return "recv(fd " + r.fd() + ")";
        } else if (c instanceof Call.RecvFrom r) {
            return "recvfrom(fd " + r.fd() + ")";
        } else if (c instanceof Call.Close k) {
            return "close(fd " + k.fd() + ")";
        } else if (c instanceof Call.Sleep s) {
            return "sleep(" + org.stacklab.sim.SimTime.human(s.ns()) + ")";
        }
        return c.name();
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
