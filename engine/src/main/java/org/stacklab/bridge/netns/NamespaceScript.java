package org.stacklab.bridge.netns;

import java.util.Locale;
import java.util.Map;
import org.stacklab.net.LinkConfig;
import org.stacklab.wire.Ipv4Address;

/**
 * The shell script that sets up one host's namespace, run inside it ({@code ip netns exec NS sh -e -s}).
 *
 * <ul>
 *   <li>sysctls, written every time because a new namespace inherits IPv4 settings from the
 *       machine's (devconf_inherit_init_net 0): ip_forward as the host's {@code forward}, no
 *       reverse-path filter (routes are asymmetric only if the simulation's are), no ICMP rate
 *       limit (icmp_ratemask 0: the simulation answers every datagram to a closed port; loopback
 *       is exempt from the limit, a veth is not);
 *   <li>{@code lo} up with the host's addresses on it as /32 (the simulation gives addresses to
 *       hosts, not to links), each veth end up with an MTU of 65535 (the simulation has no
 *       fragmentation; loopback's is 65536);
 *   <li>a /32 route to every address of every other host it reaches: {@code via} the next hop
 *       the simulation picks, {@code onlink} (the veth has no subnet), {@code src} the host's first
 *       address (the simulation's source);
 *   <li>per veth end a tbf at the link's bandwidth with a pfifo of the link's queue (packets) under
 *       it; with netem, netem (latency, loss) at the root and the tbf under it.
 * </ul>
 */
final class NamespaceScript {
    /** tbf's bucket: one full-size packet (65535 plus headers) must fit, or tbf drops it. */
    static final int BURST_BYTES = 70_000;

    private NamespaceScript() {}

    static String of(Topology.Node node, Map<String, LinkConfig> devices, boolean netem) {
        StringBuilder s = new StringBuilder();
        s.append("echo ").append(node.forward() ? 1 : 0).append(" > /proc/sys/net/ipv4/ip_forward\n");
        s.append("echo 0 > /proc/sys/net/ipv4/icmp_ratemask\n");
        s.append("echo 0 > /proc/sys/net/ipv4/icmp_ratelimit\n");
        for (String conf : java.util.List.of("all", "default", "lo")) {
            s.append("echo 0 > /proc/sys/net/ipv4/conf/").append(conf).append("/rp_filter\n");
        }
        for (String dev : devices.keySet()) {
            s.append("echo 0 > /proc/sys/net/ipv4/conf/").append(dev).append("/rp_filter\n");
            s.append("echo 0 > /proc/sys/net/ipv4/conf/").append(dev).append("/send_redirects\n");
        }
        s.append("ip -b - <<'EOF'\n");
        s.append("link set lo up\n");
        for (Ipv4Address a : node.addresses()) {
            s.append("address add ").append(a).append("/32 dev lo\n");
        }
        for (String dev : devices.keySet()) {
            s.append("link set ").append(dev).append(" mtu 65535 up\n");
        }
        for (Topology.Route r : node.routes()) {
            s.append("route add ").append(r.dst()).append("/32 via ").append(r.via()).append(" dev ").append(r.dev())
                    .append(" onlink src ").append(r.src()).append('\n');
        }
        s.append("EOF\n");
        if (!devices.isEmpty()) {
            s.append("tc -b - <<'EOF'\n");
            for (Map.Entry<String, LinkConfig> d : devices.entrySet()) {
                s.append(qdiscs(d.getKey(), d.getValue(), netem));
            }
            s.append("EOF\n");
        }
        return s.toString();
    }

    /** The tc lines for one veth end. */
    static String qdiscs(String dev, LinkConfig c, boolean netem) {
        StringBuilder s = new StringBuilder();
        String tbfParent = "root handle 1:";
        String fifoParent = "parent 1:1 handle 10:";
        if (netem) {
            s.append("qdisc add dev ").append(dev).append(" root handle 1: netem delay ")
                    .append(String.format(Locale.ROOT, "%dus", c.latencyNs() / 1000))
                    .append(String.format(Locale.ROOT, " loss %.4f%%", c.loss() * 100))
                    .append(" limit ").append(Math.max(1, c.queue())).append('\n');
            tbfParent = "parent 1:1 handle 2:";
            fifoParent = "parent 2:1 handle 10:";
        }
        s.append("qdisc add dev ").append(dev).append(' ').append(tbfParent).append(" tbf rate ").append(c.bandwidthBps())
                .append("bit burst ").append(BURST_BYTES).append(" latency 1s\n");
        s.append("qdisc add dev ").append(dev).append(' ').append(fifoParent).append(" pfifo limit ")
                .append(Math.max(1, c.queue())).append('\n');
        return s.toString();
    }
}
