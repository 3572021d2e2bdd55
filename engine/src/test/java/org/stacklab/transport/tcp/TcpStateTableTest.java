package org.stacklab.transport.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The state table that transitionTo holds: RFC 9293 figure 5, and nothing else. */
class TcpStateTableTest {
    @Test
    void aListenerCannotJumpToEstablished() {
        TcpListenTest star = new TcpListenTest();
        TcpSocket l = star.listen(8);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> l.transitionTo(TcpState.ESTABLISHED));
        assertTrue(e.getMessage().contains("LISTEN -> ESTABLISHED"), e.getMessage());
        assertEquals(TcpState.LISTEN, l.state(), "a refused transition changes nothing");
    }

    @Test
    void aFreshSocketCannotEnterTimeWait() {
        TcpSocket s = TcpSocket.open(new TcpListenTest().server, "p", 0);
        assertThrows(IllegalStateException.class, () -> s.transitionTo(TcpState.TIME_WAIT));
        assertEquals(TcpState.CLOSED, s.state());
    }

    @ParameterizedTest
    @EnumSource(value = TcpState.class, names = "CLOSED", mode = EnumSource.Mode.EXCLUDE)
    void everyStateButClosedMayBeReset(TcpState st) {
        assertTrue(st.mayBecome(TcpState.CLOSED));
    }

    @Test
    void theTableIsFigureFive() {
        assertEquals(EnumSet.of(TcpState.LISTEN, TcpState.SYN_SENT), next(TcpState.CLOSED));
        assertEquals(EnumSet.of(TcpState.SYN_RECEIVED, TcpState.CLOSED), next(TcpState.LISTEN));
        assertEquals(EnumSet.of(TcpState.ESTABLISHED, TcpState.SYN_RECEIVED, TcpState.CLOSED), next(TcpState.SYN_SENT));
        assertEquals(EnumSet.of(TcpState.FIN_WAIT_1, TcpState.CLOSE_WAIT, TcpState.CLOSED), next(TcpState.ESTABLISHED));
        assertEquals(EnumSet.of(TcpState.FIN_WAIT_2, TcpState.CLOSING, TcpState.TIME_WAIT, TcpState.CLOSED),
                next(TcpState.FIN_WAIT_1));
        assertEquals(EnumSet.of(TcpState.TIME_WAIT, TcpState.CLOSED), next(TcpState.FIN_WAIT_2));
        assertEquals(EnumSet.of(TcpState.LAST_ACK, TcpState.CLOSED), next(TcpState.CLOSE_WAIT));
        assertEquals(EnumSet.of(TcpState.CLOSED), next(TcpState.TIME_WAIT));
        assertFalse(TcpState.TIME_WAIT.mayBecome(TcpState.ESTABLISHED), "a TIME-WAIT is never reopened in place");
    }

    private static Set<TcpState> next(TcpState from) {
        Set<TcpState> out = EnumSet.noneOf(TcpState.class);
        for (TcpState to : TcpState.values()) {
            if (from.mayBecome(to)) {
                out.add(to);
            }
        }
        return out;
    }
}
