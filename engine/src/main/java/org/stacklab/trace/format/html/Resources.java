package org.stacklab.trace.format.html;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The explorer's markup, style and script: plain files beside this class in the jar
 * ({@code explorer.html}, {@code explorer.css}, {@code explorer-panels.js}, {@code explorer.js}), inlined into every page.
 */
final class Resources {
    static final String EXPLORER_HTML = read("explorer.html");
    static final String EXPLORER_CSS = read("explorer.css");
    static final String EXPLORER_JS = read("explorer-panels.js") + read("explorer.js");

    private Resources() {}

    private static String read(String name) {
        try (InputStream in = Resources.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("resource " + name + " is missing from the build");
            }
            String s = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            if (s.contains("</script")) {
                throw new IllegalStateException("resource " + name + " may not contain </script");
            }
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
