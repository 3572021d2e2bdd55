package org.stacklab.bridge;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a bridge command in a fresh network namespace ({@code unshare --net}, root only): the same
 * kernel, but a loopback of its own where no other program holds a port and no TIME-WAIT of an
 * earlier run lingers, and no other interface, so nothing can leave it. The child is this JVM's
 * java with this classpath; it brings {@code lo} up first (a new namespace starts with it down).
 */
public final class Isolation {
    private static final String UNSHARE = "/usr/bin/unshare";
    private static final String[] IP = {"/usr/sbin/ip", "/sbin/ip", "/usr/bin/ip", "/bin/ip"};

    private Isolation() {}

    /** Why isolation cannot be used here, or null when it can. */
    public static String unavailable(Environment env) {
        if (!env.isRoot()) {
            return "a new network namespace needs root";
        }
        if (!Files.isExecutable(Path.of(UNSHARE))) {
            return UNSHARE + " (util-linux) is missing";
        }
        if (ip() == null) {
            return "ip (iproute2) is missing";
        }
        return null;
    }

    private static String ip() {
        for (String p : IP) {
            if (Files.isExecutable(Path.of(p))) {
                return p;
            }
        }
        return null;
    }

    /**
     * Runs {@code org.stacklab.cli.Main} with {@code args} in a new network namespace, copying its
     * output to {@code out} and {@code err}; returns its exit status. The child is killed after
     * {@code timeoutMs}; then the status is 70.
     */
    public static int run(List<String> args, OutputStream out, OutputStream err, long timeoutMs)
            throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> cmd = new ArrayList<>(List.of(UNSHARE, "--net", "--", "/bin/sh", "-c",
                ip() + " link set lo up && exec \"$0\" \"$@\"", java, "-cp", cp, "org.stacklab.cli.Main"));
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).start();
        Thread o = copy(p.getInputStream(), out);
        Thread e = copy(p.getErrorStream(), err);
        if (!p.waitFor(timeoutMs, TimeUnit.MILLISECONDS)) {
            p.destroyForcibly();
            p.waitFor(5, TimeUnit.SECONDS);
            o.join(2000);
            e.join(2000);
            return 70;
        }
        o.join(5000);
        e.join(5000);
        return p.exitValue();
    }

    private static Thread copy(InputStream in, OutputStream out) {
        Thread t = new Thread(() -> {
            try (in) {
                in.transferTo(out);
                out.flush();
            } catch (IOException x) {
                // the child went away
            }
        }, "bridge-isolation-copy");
        t.setDaemon(true);
        t.start();
        return t;
    }
}
