package org.stacklab.cli.bench;

import org.stacklab.process.app.UdpEchoClient;

/** W1's round trips over all clients, in ns. */
final class Rtt {
    long min = Long.MAX_VALUE;
    long max;
    long sum;
    long count;

    void add(UdpEchoClient c) {
        if (c.timedEchoes() > 0) {
            min = Math.min(min, c.rttMinNs());
            max = Math.max(max, c.rttMaxNs());
            sum += c.rttSumNs();
            count += c.timedEchoes();
        }
    }

    double mean() {
        return count == 0 ? 0 : (double) sum / count;
    }
}
