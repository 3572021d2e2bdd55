package org.stacklab.transport;

import org.stacklab.wire.IpAddress;

/**
 * A connection's 4-tuple as seen from the local side, the established table's key. Addresses are
 * 128 bits, IPv4 v4-mapped ({@link AddressSets#low}), so one table holds both families.
 */
record ConnKey(long localHigh, long localLow, int localPort, long remoteHigh, long remoteLow, int remotePort) {
    static ConnKey of(IpAddress local, int localPort, IpAddress remote, int remotePort) {
        return new ConnKey(AddressSets.high(local), AddressSets.low(local), localPort, AddressSets.high(remote),
                AddressSets.low(remote), remotePort);
    }
}
