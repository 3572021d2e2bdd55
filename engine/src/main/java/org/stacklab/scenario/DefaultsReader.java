package org.stacklab.scenario;

import java.util.ArrayList;
import java.util.List;
import org.stacklab.transport.TcpConfig;

/** Reads the {@code defaults} block over {@link Defaults#DEFAULT}. */
final class DefaultsReader {
    static final List<String> KEYS = List.of("link", "ephemeral_ports", "tcp", "bindv6only");
    static final List<String> TCP_KEYS = tcpKeys();

    private DefaultsReader() {}

    private static List<String> tcpKeys() {
        List<String> keys = new ArrayList<>(List.of("time_wait"));
        keys.addAll(TcpConfigReader.KEYS);
        return List.copyOf(keys);
    }

    /** {@link Defaults#DEFAULT} with what {@code map} (null when absent or not a map) changes. */
    static Defaults read(Problems problems, YamlNode.Mapping map) {
        Defaults d = Defaults.DEFAULT;
        if (map == null) {
            return d;
        }
        Fields f = new Fields(problems, map, "in defaults").allow(KEYS);
        LinkParams link = d.link();
        YamlNode.Mapping linkMap = f.mapping("link");
        if (linkMap != null) {
            link = LinkReader.params(new Fields(problems, linkMap, "in defaults.link").allow(LinkReader.PARAM_KEYS), link);
        }
        int[] ports = f.parsed("ephemeral_ports", "a port range", Units::parsePortRange);
        long timeWait = d.timeWaitNs();
        TcpConfig tcpConfig = d.tcp();
        YamlNode.Mapping tcp = f.mapping("tcp");
        if (tcp != null) {
            Fields tf = new Fields(problems, tcp, "in defaults.tcp").allow(TCP_KEYS);
            timeWait = tf.time("time_wait", timeWait);
            tcpConfig = TcpConfigReader.read(problems, tf, tcpConfig);
        }
        Boolean v6only = f.bool("bindv6only");
        return new Defaults(link, ports == null ? d.ephemeralLow() : ports[0], ports == null ? d.ephemeralHigh() : ports[1],
                timeWait, v6only == null ? d.bindv6only() : v6only, tcpConfig);
    }
}
