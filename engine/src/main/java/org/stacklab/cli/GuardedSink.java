package org.stacklab.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.stacklab.trace.TraceEvent;
import org.stacklab.trace.TraceSink;

/**
 * A report writer that may fail (a full disk) without stopping the run: the first failure is
 * kept, later events are dropped, and {@link #close} reports it, so the summary is still printed.
 */
final class GuardedSink implements TraceSink {
    private final TraceSink sink;
    private IOException failure;

    GuardedSink(TraceSink sink) {
        this.sink = sink;
    }

    @Override
    public void accept(TraceEvent e) {
        if (failure != null) {
            return;
        }
        try {
            sink.accept(e);
        } catch (UncheckedIOException x) {
            failure = x.getCause();
        }
    }

    IOException failure() {
        return failure;
    }

    @Override
    public void close() throws IOException {
        try {
            sink.close();
        } catch (IOException | UncheckedIOException x) {
            if (failure == null) {
                failure = x instanceof UncheckedIOException u ? u.getCause() : (IOException) x;
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
