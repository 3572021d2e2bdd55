package org.stacklab.net;

/**
 * A link's properties, the same in both directions.
 *
 * @param latencyNs propagation delay
 * @param bandwidthBps bits per second; serialization of a packet takes its bits / bandwidth
 * @param loss probability in [0, 1] that a packet is lost on the wire (drawn from the run's seed)
 * @param queue drop-tail capacity, in packets waiting to be serialized, per direction
 */
public record LinkConfig(long latencyNs, long bandwidthBps, double loss, int queue) {
    public LinkConfig {
        if (latencyNs < 0 || bandwidthBps <= 0 || loss < 0 || loss > 1 || queue < 0) {
            throw new IllegalArgumentException("bad link: " + latencyNs + "ns " + bandwidthBps + "bps " + loss + " " + queue);
        }
    }
}
