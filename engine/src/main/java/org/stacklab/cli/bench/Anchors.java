package org.stacklab.cli.bench;

/**
 * The ns-3.37 figures the benchmark prints beside its own: medians of 3 runs on this machine's
 * kind (2 vCPU), from the anchor's published results (FIFO variant for W1 and W2, as its workload definition asks).
 * docs/performance.md has the side-by-side runs taken again on the day.
 */
final class Anchors {
    private Anchors() {}

    /** One measured configuration: whole-process wall, Simulator::Run wall, events, peak RSS. */
    record Ns3(double processS, double runS, long events, int rssMiB) {}

    /** W1 udp-echo-star with FIFO queues, or null when ns-3 was not measured at this size. */
    static Ns3 w1(int hosts, long packets) {
        if (hosts == 10 && packets == 1000) {
            return new Ns3(0.22, 0.200, 90_069, 18);
        }
        if (hosts == 100 && packets == 1000) {
            return new Ns3(4.50, 4.435, 900_609, 20);
        }
        if (hosts == 1000 && packets == 100) {
            return new Ns3(30.21, 28.794, 906_009, 44);
        }
        return null;
    }

    /** W2 tcp-fanin (64 KiB per client) with FIFO queues, or null. */
    static Ns3 w2(int hosts) {
        return switch (hosts) {
            case 10 -> new Ns3(0.03, 0.012, 3_186, 19);
            case 100 -> new Ns3(0.30, 0.227, 32_749, 23);
            case 1000 -> new Ns3(15.44, 13.979, 349_574, 70);
            default -> null;
        };
    }

    /** W3: ns-3's best scheduler (PriorityQueue) and its default (Map), events/s, medians. */
    record Ns3Core(double bestPerS, double defaultPerS) {}

    static Ns3Core w3(String mode) {
        return switch (mode) {
            case "chain" -> new Ns3Core(13.73e6, 9.67e6);
            case "hold-100k" -> new Ns3Core(3.37e6, 1.88e6);
            case "hold-1M" -> new Ns3Core(2.19e6, 0.517e6);
            default -> null;
        };
    }

    /** W1 RTT in microseconds, min / mean / max (ns-3 frames with PPP's 2 extra bytes). */
    static double[] w1Rtt(int hosts, long packets) {
        if (hosts == 10 && packets == 1000) {
            return new double[] {4009.540, 4011.493, 4013.446};
        }
        if (hosts == 100 && packets == 1000) {
            return new double[] {4009.540, 4031.0, 4052.5};
        }
        if (hosts == 1000 && packets == 100) {
            return new double[] {4009.540, 4226.323, 4443.106};
        }
        return null;
    }
}
