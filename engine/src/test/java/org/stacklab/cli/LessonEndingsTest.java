package org.stacklab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The TCP lessons end the way a real exchange most often does: the client reads to the end of the
 * stream (the server's FIN) before it closes, so the server closes first and alone goes through
 * TIME-WAIT, the client through CLOSE-WAIT, and no connection ends in a simultaneous close (the
 * CLOSING state, which needs both FINs to cross in flight). Lesson 9 showed the race on real
 * loopback sockets: a client that closes right after its last expected bytes may send its FIN
 * before the server's arrives.
 */
class LessonEndingsTest {
    @TempDir
    Path dir;

    static Stream<Path> tcpLessons() throws IOException {
        try (Stream<Path> s = Files.list(Path.of("..", "scenarios"))) {
            return s.filter(p -> p.getFileName().toString().matches("0[0-9]-.*\\.yaml")).sorted().toList().stream()
                    .filter(p -> !p.getFileName().toString().startsWith("07-"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tcpLessons")
    void theServerClosesFirstAndNoConnectionClosesSimultaneously(Path lesson) throws IOException {
        Path out = dir.resolve("r");
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        PrintStream ps = new PrintStream(sink, true, StandardCharsets.UTF_8);
        assertEquals(0, Main.run(new String[] {"run", lesson.toString(), "--out", out.toString(), "--format", "text",
                "--quiet"}, ps, ps), sink.toString(StandardCharsets.UTF_8));
        List<String> trace = Files.readAllLines(out.resolve("trace.txt"), StandardCharsets.UTF_8);
        long closing = trace.stream().filter(l -> l.contains("-> CLOSING")).count();
        long timeWait = trace.stream().filter(l -> l.contains("-> TIME-WAIT")).count();
        long closeWait = trace.stream().filter(l -> l.contains("ESTABLISHED -> CLOSE-WAIT")).count();
        assertEquals(0, closing, lesson + ": simultaneous closes");
        assertTrue(timeWait > 0, lesson + ": some connection closes");
        assertEquals(timeWait, closeWait, lesson + ": each TIME-WAIT (active close) has its passive side in CLOSE-WAIT");
    }
}
