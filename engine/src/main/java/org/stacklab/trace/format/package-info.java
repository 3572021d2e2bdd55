/**
 * The report formats, each a {@link org.stacklab.trace.TraceSink}: tcpdump-like text, JSON
 * lines, pcap and pcapng captures, and the self-contained HTML report (with {@link
 * org.stacklab.trace.format.ReportInfo} for what the events do not say about the scenario).
 *
 * <p>May import {@code trace}, {@code sim} and {@code wire}, nothing above them. Every format is
 * deterministic: the same events give the same bytes.
 */
package org.stacklab.trace.format;
