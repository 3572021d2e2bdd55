package org.stacklab.process;

import java.nio.charset.StandardCharsets;
import org.stacklab.wire.Bytes;

/**
 * A process on a host: a name, a user, a start time, and a {@link Program}. It records what it
 * received (for {@code received} expectations) and how it ended.
 *
 * <p>A process that has run its last step stays alive: its sockets stay open until it closes
 * them, like a program that idles after its work.
 */
public final class VirtualProcess {
    /** How much received data is kept as text for {@code received:} expectations. */
    public static final int KEPT_TEXT = 1 << 20;

    public enum Status {
        NOT_STARTED, RUNNING, FINISHED, FAILED
    }

    private final String name;
    private final String host;
    private final String user;
    private final long startNs;
    private final Program program;
    private Status status = Status.NOT_STARTED;
    private long receivedBytes;
    private final StringBuilder receivedText = new StringBuilder();
    private boolean textTruncated;
    private boolean keepText = true;
    private String failure;
    /** {@code ${member}}, {@code ${host}}, {@code ${ip}} of a script: its host group member's index, name, first address. */
    private java.util.Map<String, String> variables = java.util.Map.of();
    private final java.util.TreeMap<String, Integer> calls = new java.util.TreeMap<>();

    public VirtualProcess(String name, String host, String user, long startNs, Program program) {
        this.name = name;
        this.host = host;
        this.user = user;
        this.startNs = startNs;
        this.program = program;
    }

    public String name() {
        return name;
    }

    public String host() {
        return host;
    }

    /** Counts a socket call a script made, by its kind (for the run's summary). */
    void countCall(String kind) {
        calls.merge(kind, 1, Integer::sum);
    }

    /** The socket calls the script made, by kind, in name order. */
    public java.util.SortedMap<String, Integer> calls() {
        return java.util.Collections.unmodifiableSortedMap(calls);
    }

    /** Sets the values of {@code ${member}}, {@code ${host}} and {@code ${ip}} (see {@link #variable}). */
    public void setMember(int member, String hostName, String ip) {
        variables = java.util.Map.of("member", Integer.toString(member), "host", hostName, "ip", ip);
    }

    /** The value of a host variable ({@code member}, {@code host}, {@code ip}), or null when it is none. */
    public String variable(String name) {
        return variables.get(name);
    }

    public String user() {
        return user;
    }

    public long startNs() {
        return startNs;
    }

    public Program program() {
        return program;
    }

    public Status status() {
        return status;
    }

    /** Ran every step (or the app ended normally). */
    public boolean finished() {
        return status == Status.FINISHED;
    }

    /** Why the process stopped early: the step, the time and the error; null if it did not. */
    public String failure() {
        return failure;
    }

    public long receivedBytes() {
        return receivedBytes;
    }

    /** Everything received, as text (the first {@link #KEPT_TEXT} characters). */
    public String receivedText() {
        return receivedText.toString();
    }

    public boolean receivedTextTruncated() {
        return textTruncated;
    }

    /** Starts the program now. */
    public void start(SocketApi api, ProcessObserver observer) {
        status = Status.RUNNING;
        observer.lifecycle(this, "start", null);
        program.start(this, api, observer);
    }

    /**
     * Whether received data is kept as text (for {@code received:} expectations and reports);
     * bulk apps that nobody inspects only count bytes.
     */
    public void keepText(boolean keep) {
        this.keepText = keep;
    }

    /** Counts bytes a recv returned. */
    public void received(Bytes data) {
        receivedBytes += data.length();
        if (!keepText) {
            return;
        }
        if (receivedText.length() < KEPT_TEXT) {
            String t = new String(data.toArray(), StandardCharsets.ISO_8859_1);
            int room = KEPT_TEXT - receivedText.length();
            receivedText.append(t, 0, Math.min(room, t.length()));
            textTruncated |= t.length() > room;
        } else if (!data.isEmpty()) {
            textTruncated = true;
        }
    }

    public void finish(ProcessObserver observer) {
        if (status == Status.RUNNING) {
            status = Status.FINISHED;
            observer.lifecycle(this, "finish", null);
        }
    }

    public void fail(ProcessObserver observer, String why) {
        if (status == Status.RUNNING) {
            status = Status.FAILED;
            failure = why;
            observer.lifecycle(this, "fail", why);
        }
    }
}
