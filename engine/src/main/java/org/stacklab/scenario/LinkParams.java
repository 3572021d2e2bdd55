package org.stacklab.scenario;

/**
 * A link's properties; loss may differ per direction ({@code loss: {a_to_b: 1%, b_to_a: 0%}}).
 *
 * @param latencyNs propagation delay
 * @param bandwidthBps bits per second (serialization delay = bits / bandwidth)
 * @param loss probability in [0, 1] that a packet from a to b is lost on the wire
 * @param queue drop-tail queue capacity in packets, per direction
 * @param lossBack the same from b to a
 */
public record LinkParams(long latencyNs, long bandwidthBps, double loss, int queue, double lossBack) {
    public LinkParams(long latencyNs, long bandwidthBps, double loss, int queue) {
        this(latencyNs, bandwidthBps, loss, queue, loss);
    }

    /** {@code {latency: 1ms, bandwidth: 1Gbps, loss: 0%, queue: 1000}}. */
    public static final LinkParams DEFAULT = new LinkParams(1_000_000L, 1_000_000_000L, 0.0, 1000);
}
