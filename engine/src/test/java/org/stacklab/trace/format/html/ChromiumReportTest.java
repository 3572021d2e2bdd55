package org.stacklab.trace.format.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.stacklab.trace.format.ScenarioRuns;

/** report.html opens in a real browser (headless Chromium) with every section, and draws something. */
class ChromiumReportTest {
    static final List<String> SECTIONS = List.of("expectations", "topology", "sequence", "sockets", "deliveries", "drops",
            "errors", "tcp", "totals");

    @TempDir
    Path dir;

    @BeforeEach
    void requireChromium() {
        ChromiumSupport.assumeInstalled();
    }

    static Stream<Path> scenarios() {
        return ScenarioRuns.teachingAndShowcase();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void theReportLoadsWithEverySection(Path scenario) throws IOException {
        Path page = ScenarioRuns.run(scenario, dir, "html").resolve("report.html");
        String html = Files.readString(page, StandardCharsets.UTF_8);
        assertFalse(Pattern.compile("https?://").matcher(html).find(), "report.html refers to the network");

        ChromiumSupport.Result r = ChromiumSupport.dumpDom(page);
        assertEquals(0, r.exitCode(), "chromium failed:\n" + r.stderr());
        String dom = r.stdout();
        assertFalse(dom.isBlank(), "chromium printed no DOM:\n" + r.stderr());
        assertFalse(dom.contains("chrome-error://") || dom.contains("net::ERR_") || dom.contains("ERR_FILE_NOT_FOUND"),
                "chromium shows a load error:\n" + dom);
        assertTrue(dom.contains("<title>StackLab: "), "not our page:\n" + dom);
        for (String id : SECTIONS) {
            assertTrue(dom.contains("<section id=\"" + id + "\">"), "the DOM lacks section " + id);
        }
        assertTrue(dom.contains("<svg class=\"topo\""), "no topology drawing");
        assertTrue(dom.contains("<svg class=\"seq\""), "no sequence diagram");
        assertTrue(dom.contains("</html>"));
    }

    @Test
    void aScreenshotShowsThePage() throws IOException {
        Path page = ScenarioRuns.run(ScenarioRuns.SHOWCASE, dir, "html").resolve("report.html");
        Path png = dir.resolve("report.png");
        ChromiumSupport.Result r = ChromiumSupport.screenshot(page, png, 1400, 2000);
        assertEquals(0, r.exitCode(), "chromium failed:\n" + r.stderr());
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(1400, img.getWidth());
        assertEquals(2000, img.getHeight());
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < img.getHeight(); y += 7) {
            for (int x = 0; x < img.getWidth(); x += 7) {
                colours.add(img.getRGB(x, y));
            }
        }
        assertTrue(colours.size() > 50, "the screenshot looks blank: " + colours.size() + " colours");
    }
}
