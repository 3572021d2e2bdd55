package org.stacklab.process;

import java.util.List;
import org.stacklab.transport.SocketError;

/** Terse step builders for tests. */
final class Steps {
    static final Step.Common C = Step.Common.NONE;

    private Steps() {}

    static Step.Common expecting(SocketError e) {
        return new Step.Common(0, e, -1, null);
    }

    static Step.Common timeout(long ns) {
        return new Step.Common(0, null, ns, null);
    }

    static Step udp(String name) {
        return new Step.Socket(C, name, Step.SockType.DGRAM);
    }

    static Step bind(String s, String addr) {
        return new Step.Bind(C, s, addr);
    }

    static Step bind(String s, String addr, SocketError expected) {
        return new Step.Bind(expecting(expected), s, addr);
    }

    static Step connect(String s, String addr) {
        return new Step.Connect(C, s, addr);
    }

    static Step sendto(String s, String to, String data) {
        return new Step.SendTo(C, s, to, Step.Data.text(data));
    }

    static Step send(String s, String data) {
        return new Step.Send(C, s, Step.Data.text(data));
    }

    static Step send(String s, String data, SocketError expected) {
        return new Step.Send(expecting(expected), s, Step.Data.text(data));
    }

    static Step recvfrom(String s, String as) {
        return new Step.RecvFrom(C, s, 0, as, null);
    }

    static Step recv(String s, String expect) {
        return new Step.Recv(C, s, 0, expect);
    }

    static Step recv(Step.Common c, String s) {
        return new Step.Recv(c, s, 0, null);
    }

    static Step sleep(long ns) {
        return new Step.Sleep(C, ns);
    }

    static Step close(String s) {
        return new Step.Close(C, s);
    }

    static Step repeat(long times, Step... steps) {
        return new Step.Repeat(C, times, List.of(steps));
    }
}
