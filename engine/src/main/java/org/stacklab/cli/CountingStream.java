package org.stacklab.cli;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/** Counts the bytes a report file is given, for the run's trace-byte budget. */
final class CountingStream extends FilterOutputStream {
    /** The total over every report file of a run. */
    static final class Total {
        long bytes;
    }

    private final Total total;

    CountingStream(OutputStream out, Total total) {
        super(out);
        this.total = total;
    }

    @Override
    public void write(int b) throws IOException {
        out.write(b);
        total.bytes++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
        total.bytes += len;
    }
}
