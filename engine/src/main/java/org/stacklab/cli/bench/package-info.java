/**
 * {@code stacklab bench}: the speed workloads of docs/performance.md. {@code Bench} reads the
 * command line and is the one entry point {@code cli.Main} calls; the workloads ({@code
 * ScenarioWorkloads}: W1, W2, the sweep; {@code CoreWorkloads}: W3 and idle sockets), the
 * measuring ({@code Meter}, {@code Rtt}) and the output ({@code Output}, {@code Json}, {@code Fmt})
 * are its own. ns-3's figures to compare with are in {@code Anchors}.
 *
 * <p>Part of the command line: it may read the wall clock and the standard streams, and imports
 * {@code cli} only for the exit statuses and the usage error; it runs scenarios through {@code
 * scenario} and writes no report (never {@code trace.format} except the JSON-lines trace writer
 * for {@code --trace jsonl}).
 */
package org.stacklab.cli.bench;
