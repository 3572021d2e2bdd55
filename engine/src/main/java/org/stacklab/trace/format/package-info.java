/**
 * Report formats, each a {@link org.stacklab.trace.TraceSink}: tcpdump-like text, JSON lines,
 * pcap and pcapng. May import {@code trace}, {@code sim} and {@code wire} only.
 */
package org.stacklab.trace.format;
