package org.stacklab.bridge;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.stacklab.wire.Endpoint;

/**
 * SO_REUSEPORT groups of a scenario, found before it runs: the processes of one user whose
 * sockets bind exactly one address and port with SO_REUSEPORT (D3), and the processes that talk
 * to that port. Which member serves which flow is the kernel's hash with a secret of its own
 * (D4), so the comparison takes such a group as a whole.
 */
final class ReuseportGroups {
    /** "udp 127.0.0.2:6000 root" (or "udp *@server:6000 root") -> member processes, in order. */
    private final Map<String, List<String>> bindings = new LinkedHashMap<>();
    /** Destinations each process talks to: "udp 127.0.0.2:6000". */
    private final Map<String, Set<String>> talksTo = new LinkedHashMap<>();
    private final Map<String, String> groupOf = new LinkedHashMap<>();
    private final Map<String, String> clientOf = new LinkedHashMap<>();
    private final Map<String, String> taint = new LinkedHashMap<>();

    /** A process bound {@code at} ({@code *@host} for the wildcard) and {@code port} with SO_REUSEPORT. */
    void bound(String process, String user, String proto, String at, int port) {
        List<String> members = bindings.computeIfAbsent(proto + " " + at + ":" + port + " " + user, k -> new ArrayList<>());
        if (!members.contains(process)) {
            members.add(process);
        }
    }

    /** A process sends to or connects to {@code to} (a loopback address of the mapping). */
    void talks(String process, String proto, Endpoint to) {
        if (to != null) {
            talksTo.computeIfAbsent(process, k -> new LinkedHashSet<>()).add(proto + " " + to);
        }
    }

    /** Names the groups of two or more processes, their clients, and groups another user's socket would join here (D1). */
    void resolve(AddressMap map) {
        for (Map.Entry<String, List<String>> g : bindings.entrySet()) {
            if (g.getValue().size() < 2) {
                continue;
            }
            String name = String.join("+", g.getValue());
            String where = g.getKey().substring(0, g.getKey().lastIndexOf(' ')); // "udp 127.0.0.2:6000"
            for (Map.Entry<String, List<String>> other : bindings.entrySet()) {
                if (other != g && other.getKey().startsWith(where + " ")) {
                    taint.put(name, String.join("+", other.getValue()) + " of another user binds the same port"
                            + " with SO_REUSEPORT: here it joins the group (one uid, D1), in the simulation it cannot");
                }
            }
            for (String member : g.getValue()) {
                groupOf.putIfAbsent(member, name);
            }
            String proto = where.substring(0, 3);
            String at = where.substring(4, where.lastIndexOf(':'));
            String port = where.substring(where.lastIndexOf(':') + 1);
            for (Map.Entry<String, Set<String>> t : talksTo.entrySet()) {
                for (String dest : t.getValue()) {
                    Endpoint e = Endpoint.parse(dest.substring(4));
                    boolean sameHost = at.startsWith("*@") ? at.substring(2).equals(map.hostOfReal(e.ipv4()))
                            : at.equals(e.ip().toString());
                    if (dest.startsWith(proto) && sameHost && Integer.toString(e.port()).equals(port)) {
                        clientOf.putIfAbsent(t.getKey(), name);
                    }
                }
            }
        }
    }

    String of(String process) {
        return groupOf.get(process);
    }

    String servedBy(String process) {
        return clientOf.get(process);
    }

    String taint(String group) {
        return taint.get(group);
    }
}
