package org.stacklab.process;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.stacklab.transport.SocketError;
import org.stacklab.wire.Bytes;
import org.stacklab.wire.Endpoint;

/**
 * What a script's names refer to while it runs: socket names to descriptors, and datagrams kept by
 * {@code recvfrom ... as m} for later {@code ${m.from}} / {@code ${m.data}}. Turns a step into the call
 * it makes, and remembers what a successful call named.
 */
final class ScriptNames {
    /** The receive size when a step gives none. */
    private static final int DEFAULT_MAX = 65536;

    private final Map<String, Integer> fds = new HashMap<>();
    private final Map<String, Outcome> kept = new HashMap<>();
    private final VirtualProcess proc;

    ScriptNames(VirtualProcess proc) {
        this.proc = proc;
    }

    /** A step that cannot even be made into a call (a closed socket's name, a missing template value). */
    static final class StepProblem extends RuntimeException {
        final SocketError error;

        StepProblem(SocketError error) {
            super(error.name(), null, false, false);
            this.error = error;
        }
    }

    /** The call a step makes, its names and templates resolved. Throws {@link StepProblem}. */
    Call toCall(Step s) {
        return s.accept(new ToCall(s.common().timeoutNs()));
    }

    /** Records what a step that succeeded named: a new descriptor, a closed one, a kept datagram. */
    void remember(Step s, Outcome o) {
        s.accept(new StepPartial<Void>() {
            @Override
            protected Void otherwise(Step s) {
                return null;
            }

            @Override
            public Void socket(Step.Socket k) {
                fds.put(k.name(), o.fd());
                return null;
            }

            @Override
            public Void accept(Step.Accept a) {
                fds.put(a.as(), o.fd());
                return null;
            }

            @Override
            public Void close(Step.Close cl) {
                fds.remove(cl.socket());
                return null;
            }

            @Override
            public Void recv(Step.Recv r) {
                if ((r.flags() & org.stacklab.transport.MsgFlags.PEEK) == 0) {
                    proc.received(o.data()); // a peek reads nothing
                }
                return null;
            }

            @Override
            public Void recvFrom(Step.RecvFrom r) {
                proc.received(o.data());
                if (r.as() != null) {
                    kept.put(r.as(), o);
                }
                return null;
            }
        });
    }

    private final class ToCall implements Step.Visitor<Call> {
        private final long timeout;

        ToCall(long timeout) {
            this.timeout = timeout;
        }

        @Override
        public Call socket(Step.Socket k) {
            return new Call.Open(k.type(), k.nonblocking(), k.family());
        }

        @Override
        public Call setSockOpt(Step.SetSockOpt o) {
            return new Call.SetOpt(fd(o.socket()), o.reuseAddr(), o.reusePort(), o.nonblocking(), o.v6only(), o.opts());
        }

        @Override
        public Call bind(Step.Bind b) {
            return new Call.Bind(fd(b.socket()), endpoint(b.addr()));
        }

        @Override
        public Call listen(Step.Listen l) {
            return new Call.Listen(fd(l.socket()), l.backlog());
        }

        @Override
        public Call accept(Step.Accept a) {
            return new Call.Accept(fd(a.socket()), timeout);
        }

        @Override
        public Call connect(Step.Connect c) {
            Endpoint to = Step.Connect.UNSPEC.equals(c.addr()) ? null : endpoint(c.addr()); // null: AF_UNSPEC
            return new Call.Connect(fd(c.socket()), to, timeout);
        }

        @Override
        public Call send(Step.Send d) {
            return new Call.Send(fd(d.socket()), data(d.data()), d.flags(), timeout);
        }

        @Override
        public Call sendTo(Step.SendTo d) {
            return new Call.SendTo(fd(d.socket()), endpoint(d.to()), data(d.data()), d.flags(), timeout);
        }

        @Override
        public Call recv(Step.Recv r) {
            return new Call.Recv(fd(r.socket()), r.max() > 0 ? r.max() : DEFAULT_MAX, timeout, r.flags());
        }

        @Override
        public Call recvFrom(Step.RecvFrom r) {
            return new Call.RecvFrom(fd(r.socket()), r.max() > 0 ? r.max() : DEFAULT_MAX, timeout, r.flags());
        }

        @Override
        public Call getSockName(Step.GetSockName g) {
            return new Call.GetSockName(fd(g.socket()));
        }

        @Override
        public Call getPeerName(Step.GetPeerName g) {
            return new Call.GetPeerName(fd(g.socket()));
        }

        @Override
        public Call getSockOpt(Step.GetSockOpt g) {
            return new Call.GetSockOpt(fd(g.socket()));
        }

        @Override
        public Call shutdown(Step.Shutdown d) {
            return new Call.Shutdown(fd(d.socket()), d.how());
        }

        @Override
        public Call close(Step.Close cl) {
            return new Call.Close(fd(cl.socket()));
        }

        @Override
        public Call sleep(Step.Sleep sl) {
            return new Call.Sleep(sl.ns());
        }

        @Override
        public Call note(Step.Note n) {
            throw new IllegalStateException("a note is narrated by the runner, never called");
        }

        @Override
        public Call poll(Step.Poll p) {
            java.util.List<Call.PollFd> l = new java.util.ArrayList<>();
            p.fds().forEach((name, ev) -> l.add(new Call.PollFd(fd(name), name, ev)));
            return new Call.Poll(l, timeout);
        }

        @Override
        public Call exit(Step.Exit x) {
            return new Call.Exit();
        }

        @Override
        public Call retry(Step.Retry r) {
            throw new IllegalStateException("a retry is unrolled by the runner, never called");
        }

        @Override
        public Call repeat(Step.Repeat r) {
            throw new IllegalStateException("a repeat is unrolled by the runner, never called");
        }
    }

    /** {@code t} with {@code ${member}}, {@code ${host}} and {@code ${ip}} filled in (an {@code expect} text). */
    String withHostVariables(String t) {
        if (t == null || !t.contains("${")) {
            return t;
        }
        for (String v : new String[] {"member", "host", "ip"}) {
            if (proc.variable(v) != null) {
                t = t.replace("${" + v + "}", proc.variable(v));
            }
        }
        return t;
    }

    private int fd(String name) {
        Integer fd = fds.get(name);
        if (fd == null) {
            throw new StepProblem(SocketError.EBADF); // closed, or never created because its step failed
        }
        return fd;
    }

    private Endpoint endpoint(String text) {
        try {
            return Endpoint.parse(substitute(text));
        } catch (IllegalArgumentException e) {
            throw new StepProblem(SocketError.EINVAL);
        }
    }

    private Bytes data(Step.Data d) {
        if (d.isGenerated()) {
            return Bytes.generated(d.generated());
        }
        String t = d.template();
        int i = t.indexOf("${");
        if (i < 0) {
            return Bytes.of(t);
        }
        // "${m.data}" alone keeps the received bytes exactly, binary or not.
        if (t.startsWith("${") && t.endsWith(".data}") && t.indexOf("${", 2) < 0) {
            return kept(t.substring(2, t.length() - 6)).data();
        }
        return Bytes.of(substitute(t));
    }

    private String substitute(String t) {
        StringBuilder sb = new StringBuilder();
        int from = 0;
        while (true) {
            int i = t.indexOf("${", from);
            if (i < 0) {
                sb.append(t, from, t.length());
                return sb.toString();
            }
            int end = t.indexOf('}', i);
            if (end < 0) {
                throw new StepProblem(SocketError.EINVAL);
            }
            sb.append(t, from, i);
            String ref = t.substring(i + 2, end);
            if (proc.variable(ref) != null) {
                sb.append(proc.variable(ref)); // ${member}, ${host}, ${ip}
                from = end + 1;
                continue;
            }
            int dot = ref.lastIndexOf('.');
            Outcome o = kept(dot < 0 ? ref : ref.substring(0, dot));
            String field = dot < 0 ? "" : ref.substring(dot + 1);
            if (field.equals("from")) {
                sb.append(o.addr());
            } else if (field.equals("data")) {
                sb.append(new String(o.data().toArray(), StandardCharsets.UTF_8));
            } else {
                throw new StepProblem(SocketError.EINVAL);
            }
            from = end + 1;
        }
    }

    private Outcome kept(String name) {
        Outcome o = kept.get(name);
        if (o == null) {
            throw new StepProblem(SocketError.EINVAL); // the recvfrom that names it has not succeeded
        }
        return o;
    }
}
