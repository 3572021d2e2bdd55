package org.stacklab.net;

/**
 * A link's properties; all but loss are the same in both directions.
 *
 * @param latencyNs propagation delay
 * @param bandwidthBps bits per second; serialization of a packet takes its bits / bandwidth
 * @param loss probability in [0, 1] that a packet from a to b is lost on the wire (drawn from the run's seed)
 * @param queue drop-tail capacity, in packets waiting to be serialized, per direction
 * @param lossBack the same from b to a
 */
public record LinkConfig(long latencyNs, long bandwidthBps, double loss, int queue, double lossBack) {
    public LinkConfig(long latencyNs, long bandwidthBps, double loss, int queue) {
        this(latencyNs, bandwidthBps, loss, queue, loss);
    }

    /** The link seen from b: its loss is {@link #lossBack}. */
    public LinkConfig reversed() {
        return new LinkConfig(latencyNs, bandwidthBps, lossBack, queue, loss);
    }

    public LinkConfig {
        if (latencyNs < 0 || bandwidthBps <= 0 || loss < 0 || loss > 1 || lossBack < 0 || lossBack > 1 || queue < 0) {
            throw new IllegalArgumentException("bad link: " + latencyNs + "ns " + bandwidthBps + "bps " + loss + " " + queue);
        }
    }
}
