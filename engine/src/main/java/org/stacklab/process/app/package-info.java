/**
 * Built-in apps ({@code udp-echo-server}, {@code udp-echo-client}, ...): programs written
 * against the same {@link org.stacklab.process.SocketApi} as scripts, so they run in the
 * simulation and on real sockets alike.
 */
package org.stacklab.process.app;
