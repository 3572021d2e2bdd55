package org.stacklab.bridge;

import org.stacklab.wire.Ipv4Address;

/**
 * The socket contract on this machine's kernel, over loopback: hosts a, b, c are 127.0.47.2-4.
 * Nothing leaves 127.0.0.0/8; every socket is closed after each test.
 */
class RealLoopbackWorldTest extends SocketContract {
    @Override
    SocketWorld newWorld() {
        return new LoopbackWorld(Ipv4Address.parse("127.0.47.2"));
    }
}
