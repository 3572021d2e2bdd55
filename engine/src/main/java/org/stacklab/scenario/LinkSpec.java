package org.stacklab.scenario;

/** A full-duplex link between hosts {@code a} and {@code b} (either may name a group). */
public record LinkSpec(Pos pos, String a, String b, LinkParams params) {}
