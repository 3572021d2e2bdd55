package org.stacklab.trace.format.html;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.stacklab.trace.TraceEvent.BindEvent;
import org.stacklab.trace.TraceEvent.PacketEvent;
import org.stacklab.trace.TraceEvent.StateEvent;
import org.stacklab.wire.Endpoint;
import org.stacklab.wire.IpPacket;

/**
 * Which socket of an end host each packet of the per-socket sequence diagram belongs to, learnt
 * from the trace as it streams: a delivery names the receiving socket, a bind gives a socket its
 * local endpoint, and a listener's child (a state change LISTEN → SYN-RECEIVED of a new socket)
 * takes the connection of the SYN the listener was just handed. A packet a host sends belongs to
 * the socket whose connection (local and peer endpoints) it matches, else to the socket most
 * recently bound to its source endpoint, else to the host's own lane. Lane keys are
 * {@code "host sN"}; routers and unknown packets keep the host name. Lookups only: nothing here
 * is iterated, so the page does not depend on hash order.
 */
final class SocketLanes {
    /** A socket's lane: its host and socket id. */
    record Lane(String host, int socket) {}

    private final Map<String, Integer> conn = new HashMap<>();
    private final Map<String, List<Bound>> bound = new HashMap<>();
    private final Map<String, Lane> lanes = new HashMap<>();
    private final Map<String, String> subtitle = new HashMap<>();
    private final Map<String, String> boundAs = new HashMap<>();
    private final Map<String, String> lastSyn = new HashMap<>();

    private record Bound(int socket, Endpoint local) {}

    static String key(String host, int socket) {
        return host + " s" + socket;
    }

    private static String tuple(String host, String proto, Endpoint local, Endpoint peer) {
        return host + '|' + proto + '|' + local + '|' + peer;
    }

    void bind(BindEvent e) {
        bound.computeIfAbsent(e.host() + '|' + e.proto().label(), k -> new ArrayList<>()).add(new Bound(e.socket(), e.local()));
        boundAs.put(name(e.host(), e.socket()), e.proto().label() + " " + e.local());
    }

    void state(StateEvent e) {
        String k = name(e.host(), e.socket());
        if ("LISTEN".equals(e.to())) {
            subtitle.put(k, "listen :" + listenPort(e.host(), e.socket()));
        } else if ("LISTEN".equals(e.from()) && "SYN-RECEIVED".equals(e.to())) {
            String syn = lastSyn.get(e.host());
            if (syn != null) {
                conn.put(syn, e.socket());
                subtitle.put(k, syn.substring(syn.indexOf('|', syn.indexOf('|') + 1) + 1).replace("|", "↔"));
            }
        }
    }

    private String listenPort(String host, int socket) {
        List<Bound> b = bound.get(host + "|tcp");
        if (b != null) {
            for (int i = b.size() - 1; i >= 0; i--) {
                if (b.get(i).socket() == socket) {
                    return String.valueOf(b.get(i).local().port());
                }
            }
        }
        return "?";
    }

    /** The lane key of a packet event's host: its socket's lane when known. */
    String lane(PacketEvent e) {
        IpPacket p = e.packet();
        String proto = p.protocol().label();
        switch (e.action()) {
            case DELIVER -> {
                int s = e.delivery().socket();
                String t = tuple(e.host(), proto, p.dstEndpoint(), p.srcEndpoint());
                lastSyn.put(e.host(), t);
                conn.put(t, s);
                if ("tcp".equals(proto)) {
                    subtitle.putIfAbsent(key(e.host(), s), p.dstEndpoint() + "↔" + p.srcEndpoint());
                }
                return name(e.host(), s);
            }
            case TX -> {
                Integer s = conn.get(tuple(e.host(), proto, p.srcEndpoint(), p.dstEndpoint()));
                if (s == null) {
                    s = boundTo(e.host() + '|' + proto, p.srcEndpoint());
                }
                return s == null ? e.host() : name(e.host(), s);
            }
            default -> {
                return e.host();
            }
        }
    }

    private Integer boundTo(String hostProto, Endpoint src) {
        List<Bound> b = bound.get(hostProto);
        if (b == null) {
            return null;
        }
        for (int i = b.size() - 1; i >= 0; i--) {
            Endpoint l = b.get(i).local();
            if (l.port() == src.port() && (l.ip().isWildcard() || l.ip().equals(src.ip()))) {
                return b.get(i).socket();
            }
        }
        return null;
    }

    private String name(String host, int socket) {
        String k = key(host, socket);
        lanes.putIfAbsent(k, new Lane(host, socket));
        return k;
    }

    /** The socket lane a key names, or null for a host's own lane. */
    Lane of(String key) {
        return lanes.get(key);
    }

    /** What the lane's head says under its name: {@code listen :80}, {@code :80↔10.0.0.2:5678}, {@code udp 0.0.0.0:53}. */
    String shortSubtitle(String key) {
        String s = subtitle(key);
        int arrow = s.indexOf('↔');
        return arrow < 0 ? s : s.substring(s.lastIndexOf(':', arrow));
    }

    /** The lane's endpoints in full, for its tooltip. */
    String subtitle(String key) {
        String s = subtitle.get(key);
        return s != null ? s : boundAs.getOrDefault(key, "");
    }
}
