package org.stacklab.bridge;

import java.util.List;
import org.stacklab.process.Call;
import org.stacklab.process.Outcome;
import org.stacklab.wire.Ipv4Address;

/**
 * A world where socket calls run one at a time and wait for their outcome: the simulation, or
 * real loopback sockets. Tests speak the scenario's addresses (hosts {@code a} 10.0.0.1,
 * {@code b} 10.0.0.2, {@code c} 10.0.0.3); the real world maps them to loopback and back. After
 * each call the world settles (packets in flight land) before the next.
 */
public interface SocketWorld extends AutoCloseable {
    List<String> HOSTS = List.of("a", "b", "c");

    /** The scenario address of host {@code name}. */
    static Ipv4Address ip(String name) {
        return Ipv4Address.parse("10.0.0." + (HOSTS.indexOf(name) + 1));
    }

    /** A new process on host {@code host} (a, b or c), as root. */
    Proc process(String host);

    /** Whether this world has TCP (the simulation has it once the TCP branch is merged). */
    boolean tcp();

    /** Whether ports below 1024 may be bound here (F1). */
    boolean privileged();

    String name();

    @Override
    void close();

    /** One call's result as the test sees it: the outcome (addresses in scenario terms) and the real world's note. */
    record Result(Outcome outcome, Note note) {
        /** "ok" or the errno's name; "pending" when the call did not complete. */
        public String result() {
            if (outcome == null) {
                return "pending";
            }
            return outcome.ok() ? "ok" : outcome.error().name();
        }

        public int fd() {
            return outcome.fd();
        }

        public String text() {
            return outcome.data() == null ? null : outcome.data().text();
        }
    }

    /** A process: calls run in order, each returning when it completed (or after a bounded wait). */
    interface Proc {
        Result call(Call c);
    }
}
