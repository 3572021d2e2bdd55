package org.stacklab.scenario;

/** One claim of the top-level {@code expect} block, checked when the run ends. */
public sealed interface Expectation {
    Pos pos();

    /** The process glob this claim is about, or null for claims about the whole run. */
    String process();

    /** Everything the process received contains {@code text}. */
    record Received(Pos pos, String process, String text) implements Expectation {}

    /** Each matching process received exactly {@code bytes} bytes. */
    record ReceivedBytes(Pos pos, String process, long bytes) implements Expectation {}

    /** Each matching process ran every step ({@code true}) or did not ({@code false}). */
    record Finished(Pos pos, String process, boolean finished) implements Expectation {}

    /**
     * The number of packets dropped with {@code reason} (null: any reason) is {@code count}.
     */
    record Drops(Pos pos, String reason, long count) implements Expectation {
        @Override
        public String process() {
            return null;
        }
    }
}
