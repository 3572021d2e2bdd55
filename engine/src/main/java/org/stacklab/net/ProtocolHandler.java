package org.stacklab.net;

import org.stacklab.wire.IpPacket;

/** Takes packets addressed to one of a host's addresses, for one IP protocol (the transport layer implements it). */
public interface ProtocolHandler {
    /**
     * Handles a packet that arrived for {@code host}. The handler must account for it: trace a
     * {@code deliver} or call {@link Host#drop}.
     */
    void receive(Host host, IpPacket packet);
}
