package org.stacklab.scenario;

import org.stacklab.wire.Endpoint;

/**
 * A built-in program and its arguments ({@code app:} and {@code args:} of a process). Arguments
 * an app does not take are rejected by the loader; those it takes but were not given hold the
 * defaults below.
 *
 * @param app one of {@link #KNOWN}
 * @param port port to listen or bind on (servers); 0 if not given
 * @param to destination (clients); null if not given
 * @param count datagrams to send ({@code udp-echo-client}); default 1
 * @param intervalNs time between datagrams; default 1 s
 * @param size payload bytes per datagram; default 64
 * @param bytes bytes to send ({@code tcp-bulk-send}); default 65536
 * @param body response body ({@code http-server}); default "hello"
 * @param path request path ({@code http-client}); default "/"
 */
public record AppSpec(Pos pos, String app, int port, Endpoint to, long count, long intervalNs, int size,
        long bytes, String body, String path) {
    public static final java.util.List<String> KNOWN = java.util.List.of(
            "udp-echo-server", "udp-echo-client", "tcp-echo-server", "tcp-bulk-send", "tcp-sink",
            "http-server", "http-client");
}
