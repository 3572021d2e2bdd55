package org.stacklab.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The page {@code stacklab watch} serves: the last report.html, its policy widened to let it ask
 * the watch server (same origin only) for {@code /version}, a script that reloads when the
 * version moves, and the latest load error, if any, in a banner on top.
 */
final class WatchPage {
    private WatchPage() {}

    static String render(Path report, String error, long version) {
        String page;
        try {
            page = Files.readString(report, StandardCharsets.UTF_8);
        } catch (IOException e) {
            page = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>StackLab watch</title></head>"
                    + "<body><p>No report yet.</p></body></html>\n";
        }
        page = page.replace("default-src 'none';", "default-src 'none'; connect-src 'self';");
        String banner = error.isEmpty() ? "" : "<pre id=\"watch-error\" style=\"background:#fcc;color:#600;padding:.6em;"
                + "margin:0;white-space:pre-wrap\">" + esc(error) + "\n(the page below is the last run that loaded)</pre>\n";
        String script = "<script>\n(function () { var v = \"" + version + "\";\n"
                + "  setInterval(function () { fetch(\"/version\", {cache: \"no-store\"}).then(function (r) { return r.text(); })\n"
                + "    .then(function (t) { if (t !== v) { location.reload(); } }).catch(function () {}); }, 500); })();\n"
                + "</script>\n";
        int body = page.indexOf("<body>");
        if (body >= 0) {
            page = page.substring(0, body + 6) + "\n" + banner + page.substring(body + 6);
        }
        int end = page.lastIndexOf("</body>");
        return end >= 0 ? page.substring(0, end) + script + page.substring(end) : page + script;
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
