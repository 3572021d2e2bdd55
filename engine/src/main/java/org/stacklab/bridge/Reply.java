package org.stacklab.bridge;

import java.util.function.Consumer;
import org.stacklab.process.Outcome;
import org.stacklab.transport.SocketError;

/**
 * The answer to one call, given exactly once from the I/O thread and delivered on the calling
 * process's executor, with a {@link Note} when the outcome is not plainly the kernel's.
 */
final class Reply {
    private final RealSocketApi api;
    private final Consumer<Outcome> done;
    private boolean given;
    private Note fallback;

    Reply(RealSocketApi api, Consumer<Outcome> done) {
        this.api = api;
        this.done = done;
    }

    boolean given() {
        return given;
    }

    /** The note given when the answer has none of its own. */
    Reply withFallback(Note n) {
        fallback = n;
        return this;
    }

    void ok(Outcome o) {
        give(o, null);
    }

    void ok() {
        give(Outcome.OK, null);
    }

    void fail(SocketError e) {
        give(Outcome.fail(e), null);
    }

    void fail(SocketError e, Note n) {
        give(Outcome.fail(e), n);
    }

    void give(Outcome o, Note n) {
        if (given) {
            return;
        }
        given = true;
        api.post(done, o, n != null ? n : fallback);
    }
}
