package org.stacklab.scenario;

import org.stacklab.process.Program;

/** The TCP built-in apps, kept apart from the UDP ones until TCP lands. */
final class Apps {
    private Apps() {}

    static Program tcp(AppSpec a) {
        throw new IllegalArgumentException("app " + a.app() + " needs TCP, which this build does not have yet");
    }
}
