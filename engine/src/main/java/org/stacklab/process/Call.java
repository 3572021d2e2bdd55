package org.stacklab.process;

import org.stacklab.wire.Bytes;
import org.stacklab.wire.Endpoint;

/**
 * One Berkeley socket call with its arguments resolved (file descriptors, endpoints, bytes):
 * what a {@link SocketApi} executes, in the simulation or on real sockets. A negative timeout
 * means none.
 */
public sealed interface Call {
    /** The call's name as in the scenario format ({@code socket}, {@code bind}, ...). */
    String name();

    /** The descriptor the call works on, or -1 ({@code socket}, {@code sleep}); records with an fd override it. */
    default int fd() {
        return -1;
    }

    record Open(Step.SockType type) implements Call {
        public String name() {
            return "socket";
        }
    }

    record SetOpt(int fd, Boolean reuseAddr, Boolean reusePort) implements Call {
        public String name() {
            return "setsockopt";
        }
    }

    record Bind(int fd, Endpoint addr) implements Call {
        public String name() {
            return "bind";
        }
    }

    record Listen(int fd, int backlog) implements Call {
        public String name() {
            return "listen";
        }
    }

    record Accept(int fd, long timeoutNs) implements Call {
        public String name() {
            return "accept";
        }
    }

    record Connect(int fd, Endpoint addr, long timeoutNs) implements Call {
        public String name() {
            return "connect";
        }
    }

    record Send(int fd, Bytes data) implements Call {
        public String name() {
            return "send";
        }
    }

    record SendTo(int fd, Endpoint to, Bytes data) implements Call {
        public String name() {
            return "sendto";
        }
    }

    record Recv(int fd, int max, long timeoutNs) implements Call {
        public String name() {
            return "recv";
        }
    }

    record RecvFrom(int fd, int max, long timeoutNs) implements Call {
        public String name() {
            return "recvfrom";
        }
    }

    record GetSockName(int fd) implements Call {
        public String name() {
            return "getsockname";
        }
    }

    /** {@code how}: {@code read}, {@code write} or {@code both}. */
    record Shutdown(int fd, String how) implements Call {
        public String name() {
            return "shutdown";
        }
    }

    record Close(int fd) implements Call {
        public String name() {
            return "close";
        }
    }

    record Sleep(long ns) implements Call {
        public String name() {
            return "sleep";
        }
    }
}
