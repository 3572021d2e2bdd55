/**
 * The transport layer: the port table (bind rules, ephemeral ports, the demux cascade and its
 * explanations), socket errors, and the per-host stack; TCP and UDP sockets in sub-packages.
 *
 * <p>May import {@code sim}, {@code wire}, {@code trace} and {@code net}. The {@code tcp} and
 * {@code udp} packages never import each other.
 */
package org.stacklab.transport;
