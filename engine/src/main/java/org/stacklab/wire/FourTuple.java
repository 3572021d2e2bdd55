package org.stacklab.wire;

/**
 * A connection's 4-tuple seen from one side: the local and the remote endpoint. Built where the
 * tuple is a value (connect, accept, a connection lookup), not per packet on the demux fast path.
 */
public record FourTuple(Endpoint local, Endpoint remote) {
    public FourTuple {
        if (local == null || remote == null) {
            throw new IllegalArgumentException("a 4-tuple needs both endpoints");
        }
    }

    /** The same connection seen from the other side. */
    public FourTuple reversed() {
        return new FourTuple(remote, local);
    }

    @Override
    public String toString() {
        return local + " <-> " + remote;
    }
}
