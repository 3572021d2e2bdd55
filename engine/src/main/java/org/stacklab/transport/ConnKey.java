package org.stacklab.transport;

/** A TCP connection's 4-tuple as seen from the local side, the established table's key. */
record ConnKey(int localIp, int localPort, int remoteIp, int remotePort) {}
