/** UDP sockets. Never imports {@code transport.tcp}. */
package org.stacklab.transport.udp;
