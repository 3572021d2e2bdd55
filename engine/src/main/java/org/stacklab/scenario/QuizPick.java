package org.stacklab.scenario;

/**
 * One entry of the {@code quiz} extension: the explorer in report.html asks which socket gets
 * the deliveries on {@code host} (null: any host) to local port {@code port} (0: any), the first
 * {@code first} of them (0: all).
 */
public record QuizPick(String host, int port, int first) {}
