/**
 * Report formats, each a {@link org.stacklab.trace.TraceSink}: tcpdump-like text, JSON lines,
 * pcap and pcapng; the HTML page (report.html) lives in {@code trace.format.html}. May import
 * {@code trace}, {@code sim} and {@code wire} only, never the HTML page.
 */
package org.stacklab.trace.format;
