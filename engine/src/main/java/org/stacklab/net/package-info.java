/**
 * Hosts, links and the IP layer: routing, forwarding, TTL, local delivery, packet accounting.
 *
 * <p>May import {@code sim}, {@code wire} and {@code trace}; never {@code transport}: arriving
 * packets go to the {@link org.stacklab.net.ProtocolHandler} registered per protocol.
 */
package org.stacklab.net;
