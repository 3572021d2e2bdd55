package org.stacklab.trace.format.html;

/**
 * Which deliveries the explorer's quiz asks about (the scenario's {@code quiz:} key): those on
 * {@code host} (null: any host), to local port {@code port} (0: any), the first {@code first}
 * of them (0: all).
 */
public record QuizPick(String host, int port, int first) {}
