package org.stacklab.wire;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * What a test does when an outside tool it needs (tshark, Chromium, chromedriver) is missing:
 * outside CI it is skipped with a message saying what to install; under {@code CI=true} it fails,
 * so a CI machine that lacks the tool cannot pass by skipping.
 */
public final class RequiredTool {
    private RequiredTool() {}

    /** Skips (or, under CI=true, fails) the calling test unless {@code present}. */
    public static void require(boolean present, String message) {
        require(present, message, underCi());
    }

    static void require(boolean present, String message, boolean ci) {
        if (present) {
            return;
        }
        if (ci) {
            Assertions.fail(message + " (CI=true: a missing tool fails the test instead of skipping it)");
        }
        Assumptions.assumeTrue(false, message);
    }

    static boolean underCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }
}
