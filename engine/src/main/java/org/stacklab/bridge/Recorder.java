package org.stacklab.bridge;

import java.util.TreeMap;
import java.util.function.Function;
import org.stacklab.process.Call;
import org.stacklab.process.CallText;
import org.stacklab.process.Outcome;
import org.stacklab.process.ProcessObserver;
import org.stacklab.process.Step;
import org.stacklab.process.VirtualProcess;
import org.stacklab.wire.Endpoint;
import org.stacklab.wire.Protocol;

/**
 * Hears one world's processes and fills a {@link Recording}. Addresses are recorded as names that
 * mean the same in both worlds (a host's name, a port only when it is not an ephemeral one), so
 * that the recordings can be compared field by field.
 */
final class Recorder implements ProcessObserver {
    /** Names an endpoint seen in one world: {@code web:80}, {@code laptop:*}, {@code *:7}, {@code lo:53}. */
    interface Namer {
        /** {@code peer}: the address is another socket's (a sender, a client), not this socket's own. */
        String name(Protocol proto, Endpoint e, boolean peer);
    }

    private final Recording recording;
    private final Namer namer;
    private final Function<VirtualProcess, Note> notes;

    Recorder(Recording recording, Namer namer, Function<VirtualProcess, Note> notes) {
        this.recording = recording;
        this.namer = namer;
        this.notes = notes;
    }

    @Override
    public void call(VirtualProcess p, Step step, Call call, Outcome o, boolean expected) {
        Recording.Proc r = recording.get(p.name());
        if (r == null) {
            return;
        }
        Note note = notes.apply(p);
        String result = o.ok() ? "ok" : o.error().name();
        String detail = o.ok() ? detail(r, call, o) : "";
        if (step != null) {
            String label = CallText.of(step, call);
            r.steps.add(new Recording.Entry(label, step.kind(), step.common().line(), result, detail, note));
        } else if (call != null && !(call instanceof Call.Sleep)) {
            java.util.Map<String, Integer> counts = r.appCalls.computeIfAbsent(call.name(), k -> new TreeMap<>());
            if (detail.equals("data") || detail.startsWith("data from")) {
                counts.put("ok (data)", 1); // how a stream is cut into reads is not compared: only that data came
            } else {
                counts.merge(detail.startsWith("end of stream") ? "ok (end of stream)" : result, 1, Integer::sum);
            }
            if (note != null && !note.compared() && r.appNotes.size() < 5) {
                r.appNotes.add(note);
            }
        }
    }

    /** What else is compared about a successful call, recording what it received and accepted. */
    private String detail(Recording.Proc r, Call call, Outcome o) {
        return call.accept(new Call.Partial<String>() {
            @Override
            protected String otherwise(Call c) {
                return "";
            }

            @Override
            public String open(Call.Open open) {
                r.types.put(o.fd(), open.type());
                return "";
            }

            @Override
            public String accept(Call.Accept c) {
                r.types.put(o.fd(), Step.SockType.STREAM);
                String peer = namer.name(Protocol.TCP, o.addr(), true);
                r.accepted.merge(peer, 1, Integer::sum);
                return "from " + peer;
            }

            @Override
            public String recv(Call.Recv c) {
                return received(r, c.fd(), o, false);
            }

            @Override
            public String recvFrom(Call.RecvFrom c) {
                return received(r, c.fd(), o, true);
            }

            @Override
            public String getSockName(Call.GetSockName g) {
                return namer.name(proto(r, g.fd()), o.addr(), false);
            }
        });
    }

    private String received(Recording.Proc r, int fd, Outcome o, boolean from) {
        r.received(fd, o.data());
        boolean dgram = r.types.get(fd) == Step.SockType.DGRAM;
        String sender = "";
        if (from && o.addr() != null) {
            sender = namer.name(dgram ? Protocol.UDP : Protocol.TCP, o.addr(), true);
            if (dgram) {
                r.senders.merge(sender, 1, Integer::sum);
            }
            sender = " from " + sender;
        }
        if (dgram) {
            return o.data().length() + " bytes" + sender;
        }
        return (o.data().isEmpty() ? "end of stream" : "data") + sender; // how a stream is cut into reads is not compared
    }

    private static Protocol proto(Recording.Proc r, int fd) {
        return r.types.get(fd) == Step.SockType.DGRAM ? Protocol.UDP : Protocol.TCP;
    }

    @Override
    public void lifecycle(VirtualProcess p, String what, String detail) {
        Recording.Proc r = recording.get(p.name());
        if (r != null) {
            r.status = switch (what) {
                case "start" -> "running";
                case "finish" -> "finished";
                case "fail" -> "failed";
                default -> r.status;
            };
            if ("fail".equals(what)) {
                r.failure = detail;
            }
        }
    }

    @Override
    public void note(VirtualProcess p, String text) {}
}
