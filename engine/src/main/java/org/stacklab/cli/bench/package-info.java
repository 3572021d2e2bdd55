/**
 * {@code stacklab bench}: the speed workloads of docs/performance.md. {@code Bench} reads the
 * command line and is the one entry point {@code cli.Main} calls; the workloads ({@code
 * ScenarioWorkloads}: W1, W2, the sweep; {@code CoreWorkloads}: W3 and idle sockets), the
 * measuring ({@code Meter}, {@code Rtt}) and the output ({@code Output}, {@code Json}, {@code Fmt})
 * are its own. ns-3's figures to compare with are in {@code Anchors}.
 *
 * <p>Part of the command line: it may read the wall clock and the standard streams, and imports
 * {@code cli} only for the exit statuses and the usage error. It runs scenarios through {@code
 * scenario}, uses {@code trace.format} only for the JSON-lines writer behind {@code --trace
 * jsonl}, and never imports {@code bridge}: it measures the simulation only. See
 * docs/architecture.md.
 */
package org.stacklab.cli.bench;
