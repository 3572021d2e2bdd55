package org.stacklab.scenario;

import org.stacklab.transport.TcpConfig;

/**
 * The scenario's {@code defaults} block.
 *
 * @param link properties of links that do not say otherwise
 * @param ephemeralLow first port of the ephemeral range (inclusive)
 * @param ephemeralHigh last port of the ephemeral range (inclusive)
 * @param timeWaitNs how long TCP's TIME-WAIT lasts ({@code defaults.tcp.time_wait}, 60 s)
 * @param bindv6only {@code net.ipv6.bindv6only}: whether new AF_INET6 sockets start IPV6_V6ONLY (M6; false)
 * @param tcp the other {@code defaults.tcp} settings (docs/tcp.md), Linux's by default
 */
public record Defaults(LinkParams link, int ephemeralLow, int ephemeralHigh, long timeWaitNs, boolean bindv6only,
        TcpConfig tcp) {
    public static final Defaults DEFAULT = new Defaults(LinkParams.DEFAULT, 32768, 60999, 60_000_000_000L);

    public Defaults(LinkParams link, int ephemeralLow, int ephemeralHigh, long timeWaitNs) {
        this(link, ephemeralLow, ephemeralHigh, timeWaitNs, false);
    }

    public Defaults(LinkParams link, int ephemeralLow, int ephemeralHigh, long timeWaitNs, boolean bindv6only) {
        this(link, ephemeralLow, ephemeralHigh, timeWaitNs, bindv6only, TcpConfig.LINUX);
    }
}
