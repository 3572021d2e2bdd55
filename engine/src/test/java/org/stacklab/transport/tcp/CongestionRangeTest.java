package org.stacklab.transport.tcp;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Issue 13 item 3: the congestion window is a long. As an int it wrapped after about 2 GiB of
 * slow start, and a 3 GB transfer stopped silently at 2,147,614,412 bytes.
 */
class CongestionRangeTest {
    @Test
    void slowStartGrowsTheWindowPastTwoGibibytesWithoutWrapping() {
        TwoHosts h = new TwoHosts(1, 0.0, false);
        int mss = 1460;
        Congestion cc = new Congestion(h.clientSocket(), mss, 0);
        long ack = 0;
        long last = cc.cwnd();
        while (cc.cwnd() <= 3L << 30) {
            cc.sent(true, (int) Math.min(cc.cwnd(), Integer.MAX_VALUE), ack, ack); // the sender used all of cwnd (RFC 7661)
            ack = (ack + mss) & 0xFFFF_FFFFL;
            cc.onNewAck(mss, ack, 0, 0);
            assertTrue(cc.cwnd() > last, "cwnd went from " + last + " to " + cc.cwnd());
            last = cc.cwnd();
        }
        assertTrue(cc.cwnd() > Integer.MAX_VALUE);
    }
}
