package org.stacklab.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Pattern;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

/** Issue 13 item 4: process globs match as a regular expression would, in polynomial (bounded) work. */
class GlobTest {
    @Test
    void aPathologicalGlobTakesAtMostGlobTimesNameSteps() {
        String glob = "*a".repeat(40) + "*b";
        String name = "a".repeat(2000);
        long steps = Glob.steps(glob, name);
        assertEquals(-1, steps);
        // the old matcher tried every split for every star: C(2000, 40) ways; this one is bounded
        assertFalse(Glob.matches(glob, name));
        assertTrue(Glob.matches(glob, name + "b"));
    }

    @Test
    void theStepCountIsBoundedByTheProductOfTheLengths() {
        String glob = "*a*a*a*a*a*a*a*a*a*a*a*a*b";
        String name = "a".repeat(500) + "c";
        CountingBound.check(glob, name);
        CountingBound.check(glob, name + "b");
    }

    @Property
    void agreesWithTheSameGlobAsARegularExpression(
            @ForAll @StringLength(max = 8) @CharRange(from = 'a', to = 'c') @CharRange(from = '*', to = '*') String glob,
            @ForAll @StringLength(max = 12) @CharRange(from = 'a', to = 'c') String name) {
        StringBuilder re = new StringBuilder();
        for (char c : glob.toCharArray()) {
            re.append(c == '*' ? ".*" : Pattern.quote(String.valueOf(c)));
        }
        assertEquals(Pattern.matches(re.toString(), name), Glob.matches(glob, name), glob + " ~ " + name);
        CountingBound.check(glob, name);
    }

    private static final class CountingBound {
        static void check(String glob, String name) {
            long steps = Math.abs(Glob.steps(glob, name));
            long bound = (long) (glob.length() + 1) * (name.length() + 1);
            assertTrue(steps <= bound, glob + " ~ " + name + ": " + steps + " steps > " + bound);
        }
    }
}
