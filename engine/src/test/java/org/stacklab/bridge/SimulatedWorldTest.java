package org.stacklab.bridge;

/** The socket contract in the simulation. */
class SimulatedWorldTest extends SocketContract {
    @Override
    SocketWorld newWorld() {
        return new SimulatedWorld(1);
    }
}
