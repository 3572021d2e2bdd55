package org.stacklab.scenario;

/**
 * A link's properties, the same in both directions.
 *
 * @param latencyNs propagation delay
 * @param bandwidthBps bits per second (serialization delay = bits / bandwidth)
 * @param loss probability in [0, 1] that a packet is lost on the wire
 * @param queue drop-tail queue capacity in packets, per direction
 */
public record LinkParams(long latencyNs, long bandwidthBps, double loss, int queue) {
    /** {@code {latency: 1ms, bandwidth: 1Gbps, loss: 0%, queue: 1000}}. */
    public static final LinkParams DEFAULT = new LinkParams(1_000_000L, 1_000_000_000L, 0.0, 1000);
}
