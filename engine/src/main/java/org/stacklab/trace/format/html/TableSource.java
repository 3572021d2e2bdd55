package org.stacklab.trace.format.html;

import java.util.List;
import org.stacklab.trace.TraceEvent.SocketRow;

/**
 * A host's socket table as it stands now ({@code ss -tuanp}); the explorer asks after each event
 * of that host and keeps what changed. The command line gives one backed by the simulated hosts.
 */
@FunctionalInterface
public interface TableSource {
    /** The rows of {@code host}'s table, or null for a host it does not know. */
    List<SocketRow> rows(String host);
}
