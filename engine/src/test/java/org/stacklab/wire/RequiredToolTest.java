package org.stacklab.wire;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

class RequiredToolTest {
    @Test
    void aMissingToolSkipsOutsideCiAndFailsUnderCi() {
        TestAbortedException skipped = assertThrows(TestAbortedException.class,
                () -> RequiredTool.require(false, "tshark is not installed", false));
        assertTrue(skipped.getMessage().contains("tshark is not installed"));
        AssertionFailedError failed = assertThrows(AssertionFailedError.class,
                () -> RequiredTool.require(false, "tshark is not installed", true));
        assertTrue(failed.getMessage().contains("CI=true"));
    }

    @Test
    void aPresentToolNeitherSkipsNorFails() {
        assertDoesNotThrow(() -> RequiredTool.require(true, "unused", true));
        assertDoesNotThrow(() -> RequiredTool.require(true, "unused", false));
    }
}
