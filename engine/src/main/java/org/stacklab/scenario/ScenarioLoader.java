package org.stacklab.scenario;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.stacklab.net.DropReason;

/**
 * Loads a scenario file into a {@link Scenario}, or throws a {@link ScenarioException} listing
 * every mistake in the file as {@code FILE:LINE:COLUMN: message}; no other exception escapes.
 */
public final class ScenarioLoader {
    /**
     * The {@code reason}s an {@code expect: - drops: {reason: ...}} may name: exactly the drop
     * reasons the engine traces ({@link DropReason} labels).
     */
    public static final Set<String> DROP_REASONS = dropReasons();
    static final List<String> TOP_KEYS = List.of("scenario", "description", "seed", "until", "defaults", "hosts",
            "links", "processes", "expect", "snapshots", "timeline", "quiz");
    static final List<String> TIMELINE_KEYS = List.of("at", "note");
    static final Pattern SCENARIO_NAME = Pattern.compile("[a-z0-9-]+");

    /** The largest scenario file read; checked before parsing, so a huge file is refused at once. */
    public static final int MAX_FILE_BYTES = 4 << 20;
    private static final int MB = 1 << 20;
    /** A scenario name is a folder name under reports/: well under any file system's 255 bytes. */
    static final int MAX_NAME = 100;

    private final Problems problems = new Problems();

    private ScenarioLoader() {}

    private static Set<String> dropReasons() {
        Set<String> labels = new LinkedHashSet<>();
        for (DropReason r : DropReason.values()) {
            labels.add(r.label());
        }
        return Collections.unmodifiableSet(labels);
    }

    /** Reads and parses {@code file}; messages name it as {@code file.toString()}. */
    public static Scenario load(Path file) throws ScenarioException {
        String label = String.valueOf(file);
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            long size = Files.size(file);
            bytes = in.readNBytes(MAX_FILE_BYTES + 1);
            if (bytes.length > MAX_FILE_BYTES) {
                throw single(label, new Pos(1, 1), "file too large (" + megabytes(Math.max(size, bytes.length))
                        + " MB; limit " + MAX_FILE_BYTES / MB + " MB)");
            }
        } catch (NoSuchFileException e) {
            throw single(label, Pos.UNKNOWN, "cannot read file: no such file");
        } catch (IOException | RuntimeException e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw single(label, Pos.UNKNOWN, "cannot read file: " + why);
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        int bad = text.indexOf('\uFFFD');
        if (bad >= 0 && !containsReplacementChar(bytes)) {
            throw single(label, new TextIndex(text).posOfCodePoint(text.codePointCount(0, bad)),
                    "cannot read file: it is not UTF-8 text");
        }
        return parse(label, text);
    }

    /** Parses {@code yamlText}; messages name the file {@code fileLabel}. */
    public static Scenario parse(String fileLabel, String yamlText) throws ScenarioException {
        String label = fileLabel == null ? "<scenario>" : fileLabel;
        if (yamlText != null && yamlText.length() > MAX_FILE_BYTES) {
            throw single(label, new Pos(1, 1), "file too large (" + megabytes(yamlText.length()) + " MB; limit "
                    + MAX_FILE_BYTES / MB + " MB)");
        }
        ScenarioLoader loader = new ScenarioLoader();
        Scenario s = null;
        try {
            s = loader.read(label, stripBom(yamlText == null ? "" : yamlText));
        } catch (StackOverflowError e) {
            loader.problems.at(Pos.UNKNOWN, "the file nests too deeply to read");
        } catch (RuntimeException e) {
            loader.problems.at(Pos.UNKNOWN, "internal error in the scenario loader (" + e.getClass().getSimpleName()
                    + "); please report it with this file");
        }
        if (!loader.problems.isEmpty() || s == null) {
            List<ScenarioError> errors = loader.problems.errors(label);
            throw new ScenarioException(errors.isEmpty() ? List.of(new ScenarioError(label, 1, 1, "invalid scenario")) : errors);
        }
        return s;
    }

    private Scenario read(String label, String text) {
        YamlNode root = YamlReader.read(text, problems);
        if (root == null) {
            return null;
        }
        if (!(root instanceof YamlNode.Mapping m)) {
            problems.at(root.pos(), "a scenario file is a map of keys (scenario:, hosts:, processes:, ...), not "
                    + root.describe());
            return null;
        }
        Fields f = new Fields(problems, m, "at the top level").allow(TOP_KEYS);
        String name = scenarioName(f);
        String description = f.string("description", "");
        long seed = f.whole("seed", Long.MIN_VALUE, Long.MAX_VALUE, 1);
        long until = f.time("until", -1);
        Defaults defaults = DefaultsReader.read(problems, f.has("defaults") ? f.mapping("defaults") : null);
        Names hostNames = new Names("host");
        List<HostSpec> hosts = new HostReader(problems, hostNames, defaults.tcp()).read(f.list("hosts"));
        List<LinkSpec> links = new LinkReader(problems, hostNames, defaults.link()).read(f.list("links"));
        Names processNames = new Names("process");
        List<ProcessSpec> processes = new ProcessReader(problems, hostNames, processNames).read(f.list("processes"));
        List<Expectation> expect = new ExpectReader(problems, processNames).read(f.list("expect"));
        List<Long> snapshots = snapshots(f.list("snapshots"));
        List<TimelineNote> timeline = timeline(f.list("timeline"));
        List<QuizPick> quiz = new QuizReader(problems, hostNames).read(f.node("quiz"));
        return new Scenario(label, name, description, seed, until, defaults, List.copyOf(hosts), List.copyOf(links),
                List.copyOf(processes), List.copyOf(expect), List.copyOf(snapshots), List.copyOf(timeline), quiz);
    }

    private String scenarioName(Fields f) {
        String name = f.requiredString("scenario");
        if (name != null && !SCENARIO_NAME.matcher(name).matches()) {
            f.error("scenario", "scenario name '" + name + "' must use only lower-case letters, digits and '-'"
                    + " ([a-z0-9-]+)");
        } else if (name != null && name.length() > MAX_NAME) {
            f.error("scenario", "scenario name is " + name.length() + " characters long; at most " + MAX_NAME
                    + " (it names the report folder)");
        }
        return name;
    }

    /** The {@code snapshots} extension: instants at which socket tables are captured. */
    private List<Long> snapshots(List<YamlNode> items) {
        List<Long> out = new ArrayList<>();
        for (YamlNode n : items == null ? List.<YamlNode>of() : items) {
            Long t = Values.parsed(problems, n, "a time in 'snapshots'", Units::parseTime);
            if (t != null) {
                out.add(t);
            }
        }
        Collections.sort(out);
        return out;
    }

    /** The {@code timeline} extension: {@code {at: TIME, note: TEXT}} narration lines. */
    private List<TimelineNote> timeline(List<YamlNode> items) {
        List<TimelineNote> out = new ArrayList<>();
        for (YamlNode n : items == null ? List.<YamlNode>of() : items) {
            if (!(n instanceof YamlNode.Mapping m)) {
                Values.wrongType(problems, n, "a timeline note like {at: 10ms, note: \"text\"}", "");
                continue;
            }
            Fields f = new Fields(problems, m, "in timeline").allow(TIMELINE_KEYS);
            Long at = f.require("at") ? f.time("at") : null;
            String note = f.requiredString("note");
            if (at != null && note != null) {
                out.add(new TimelineNote(m.pos(), at, note));
            }
        }
        return out;
    }

    private static long megabytes(long bytes) {
        return (bytes + MB - 1) / MB;
    }

    private static ScenarioException single(String label, Pos pos, String message) {
        return new ScenarioException(List.of(new ScenarioError(label, pos.line(), pos.column(), message)));
    }

    private static String stripBom(String text) {
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    /** True when the bytes hold a real U+FFFD (EF BF BD), which decoding alone cannot tell from a bad byte. */
    private static boolean containsReplacementChar(byte[] b) {
        for (int i = 0; i + 2 < b.length; i++) {
            if (b[i] == (byte) 0xEF && b[i + 1] == (byte) 0xBF && b[i + 2] == (byte) 0xBD) {
                return true;
            }
        }
        return false;
    }
}
