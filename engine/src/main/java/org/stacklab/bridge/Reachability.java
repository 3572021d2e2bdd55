package org.stacklab.bridge;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.stacklab.wire.Protocol;

/**
 * What outside the run the real side could reach (issue 13, item 8). In a network namespace of
 * its own nothing else is there. On the machine's loopback, the bridge reaches only its own
 * sockets: a destination port that some socket outside the run holds (any entry of
 * /proc/net/tcp or /proc/net/udp with that local port, listening, connected or in TIME-WAIT) is
 * refused without sending. A port nobody holds is sent to: the kernel answers that itself (a
 * reset, an ICMP port unreachable), as in the simulation.
 */
final class Reachability {
    private Reachability() {}

    /** Whether the calling thread's network namespace has no interface but {@code lo} (/proc/thread-self/net/dev). */
    static boolean privateNetwork() {
        List<String> lines = read(Path.of("/proc/thread-self/net/dev"));
        if (lines.size() < 3) {
            return false;
        }
        for (String l : lines.subList(2, lines.size())) {
            int colon = l.indexOf(':');
            if (colon < 0 || !l.substring(0, colon).trim().equals("lo")) {
                return false;
            }
        }
        return true;
    }

    /** Whether a socket of {@code proto} in the calling thread's namespace has local port {@code port} (the run's own included). I/O thread. */
    static boolean heldOutside(Protocol proto, int port) {
        String hex = String.format(Locale.ROOT, ":%04X ", port);
        List<String> lines = read(Path.of("/proc/thread-self/net", proto == Protocol.TCP ? "tcp" : "udp"));
        for (String l : lines) {
            String[] f = l.trim().split("\\s+");
            if (f.length > 2 && (f[1] + " ").endsWith(hex)) {
                return true;
            }
        }
        return false;
    }

    /** The calling thread's /proc net folder, by a path other threads can read too. */
    static Path threadNetDir() {
        try {
            return Path.of("/proc/thread-self").toRealPath().resolve("net");
        } catch (IOException | RuntimeException e) {
            return Path.of("/proc/net");
        }
    }

    private static List<String> read(Path p) {
        try {
            return Files.readAllLines(p);
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }
}
