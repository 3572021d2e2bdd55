package org.stacklab.scenario;

/** A narration line printed in the reports at simulated time {@code atNs} (the {@code timeline} key). */
public record TimelineNote(Pos pos, long atNs, String text) {}
