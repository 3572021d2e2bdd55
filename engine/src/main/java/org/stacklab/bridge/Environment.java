package org.stacklab.bridge;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The machine the real world runs on: OS, kernel and JDK versions for the report, the user and
 * its privilege to bind ports below 1024 (F1), and the ephemeral port range (E1).
 */
public record Environment(String os, String kernel, String arch, String jdk, long uid, boolean bindPrivileged,
        int unprivilegedPortStart, int ephemeralLow, int ephemeralHigh) {
    private static final int CAP_NET_BIND_SERVICE = 10;

    /** Reads the running machine (procfs where there is one). */
    public static Environment detect() {
        String os = System.getProperty("os.name", "?");
        String kernel = System.getProperty("os.version", "?");
        String arch = System.getProperty("os.arch", "?");
        String jdk = System.getProperty("java.runtime.version", System.getProperty("java.version", "?")) + " ("
                + System.getProperty("java.vendor", "?") + ")";
        long uid = -1;
        boolean cap = false;
        for (String l : lines("/proc/self/status")) {
            if (l.startsWith("Uid:")) {
                String[] f = l.substring(4).trim().split("\\s+");
                uid = parseLong(f.length > 1 ? f[1] : f[0], -1); // effective uid
            } else if (l.startsWith("CapEff:")) {
                long caps = parseHex(l.substring(7).trim());
                cap = (caps & (1L << CAP_NET_BIND_SERVICE)) != 0;
            }
        }
        if (uid < 0 && "root".equals(System.getProperty("user.name"))) {
            uid = 0;
        }
        int unpriv = (int) parseLong(first("/proc/sys/net/ipv4/ip_unprivileged_port_start"), 1024);
        String[] range = first("/proc/sys/net/ipv4/ip_local_port_range").trim().split("\\s+");
        int low = (int) parseLong(range[0], 32768);
        int high = (int) parseLong(range.length > 1 ? range[1] : "", 60999);
        return new Environment(os, kernel, arch, jdk, uid, cap || uid == 0, unpriv, low, high);
    }

    /** Whether this process may bind {@code port} (F1). */
    public boolean mayBind(int port) {
        return port == 0 || port >= unprivilegedPortStart || bindPrivileged;
    }

    public boolean isRoot() {
        return uid == 0;
    }

    public boolean isEphemeral(int port) {
        return port >= ephemeralLow && port <= ephemeralHigh;
    }

    /** One line for the report: {@code Linux 6.18.44 (amd64), Java 17.0.15 (Debian), uid 0, may bind ports < 1024}. */
    public String describe() {
        return os + " " + kernel + " (" + arch + "), Java " + jdk + ", uid " + (uid < 0 ? "?" : Long.toString(uid))
                + (bindPrivileged ? ", may bind ports below " + unprivilegedPortStart
                        : ", may not bind ports below " + unprivilegedPortStart)
                + ", ephemeral ports " + ephemeralLow + "-" + ephemeralHigh;
    }

    private static List<String> lines(String file) {
        try {
            return Files.readAllLines(Path.of(file), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    private static String first(String file) {
        List<String> l = lines(file);
        return l.isEmpty() ? "" : l.get(0);
    }

    private static long parseLong(String s, long dflt) {
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            return dflt;
        }
    }

    private static long parseHex(String s) {
        try {
            return Long.parseUnsignedLong(s, 16);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
