/**
 * Report formats, each a {@link org.stacklab.trace.TraceSink}: tcpdump-like text, JSON lines,
 * pcap, pcapng, and the self-contained HTML page (report.html). May import {@code trace}, {@code sim} and {@code wire} only.
 */
package org.stacklab.trace.format;
