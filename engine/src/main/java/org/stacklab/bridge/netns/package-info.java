/**
 * The bridge's real network (`stacklab bridge --namespaces`): a network namespace per simulated
 * host, a veth pair per link shaped by {@code tc}, forwarding hosts as routers with the routes the
 * simulation computes ({@link org.stacklab.bridge.netns.Topology}, read from the assembled
 * {@code net.Network}), built with iproute2's {@code ip} and {@code tc} and held only through
 * this process's descriptors, so it cannot outlive the run ({@link org.stacklab.bridge.netns.NamespaceNetwork}).
 *
 * <p>Imports {@code net} (the simulated topology), {@code wire} (addresses) and {@code bridge.libc}
 * (setns, open); never the rest of {@code bridge}, which uses it, nor {@code cli}.
 */
package org.stacklab.bridge.netns;
