package org.stacklab.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13 item 7: the lessons give byte-identical reports and summaries under a Turkish default
 * locale (where "I".toLowerCase() is a dotless ı and 1.5 is written 1,5) and under the default.
 */
class LocaleTest {
    @TempDir
    Path tmp;

    private static List<Path> lessons() throws IOException {
        try (Stream<Path> s = Files.list(Path.of("..", "scenarios"))) {
            return s.filter(p -> p.getFileName().toString().matches("0\\d-.*\\.yaml")).sorted().toList();
        }
    }

    /** Runs a lesson; returns its summary without the wall-clock line. */
    private static String run(Path lesson, Path out) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        Main.run(new String[] {"run", lesson.toString(), "--out", out.toString()},
                new PrintStream(o, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        return o.toString(StandardCharsets.UTF_8).replaceAll("events in [0-9.]+ s wall", "events in _ s wall")
                .replace(out.toString(), "OUT");
    }

    @Test
    void theLessonsGiveTheSameBytesUnderTurkish() throws IOException {
        Locale before = Locale.getDefault();
        List<Path> lessons = lessons();
        assertFalse(lessons.isEmpty());
        for (Path lesson : lessons) {
            String name = lesson.getFileName().toString();
            String plain = run(lesson, tmp.resolve("en-" + name));
            String turkish;
            try {
                Locale.setDefault(Locale.forLanguageTag("tr-TR"));
                turkish = run(lesson, tmp.resolve("tr-" + name));
            } finally {
                Locale.setDefault(before);
            }
            assertEquals(plain, turkish, name);
            for (Formats f : java.util.EnumSet.complementOf(java.util.EnumSet.of(Formats.HOSTS))) {
                assertArrayEquals(Files.readAllBytes(tmp.resolve("en-" + name).resolve(f.file)),
                        Files.readAllBytes(tmp.resolve("tr-" + name).resolve(f.file)), name + " " + f.file);
            }
        }
    }
}
