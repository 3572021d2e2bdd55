package org.stacklab.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.stacklab.scenario.Suggest;

/**
 * The help machinery: a command is a row of {@link Commands#ALL} (name, one-line summary, usage,
 * flags, examples, how to run it), and everything the user sees about commands and flags is drawn
 * from those rows: {@code stacklab --help}, {@code stacklab CMD --help}, and "did you mean" for a
 * mistyped command or flag. A new command or flag is a new row or a new {@link Flag}; nothing else.
 */
final class Help {
    private Help() {}

    /** A command-line flag: {@code --name} (and {@code -s} when {@code shortName} is set). */
    record Flag(String name, String shortName, String argName, String description, boolean hidden) {
        static Flag of(String name, String argName, String description) {
            return new Flag(name, null, argName, description, false);
        }

        boolean takesValue() {
            return argName != null;
        }

        String synopsis() {
            String s = (shortName != null ? "-" + shortName + ", " : "    ") + "--" + name;
            return argName != null ? s + " " + argName : s;
        }

        /** The flags of a commons-cli {@link Options}, in the order they were added. */
        static List<Flag> fromOptions(Options options) {
            List<Flag> flags = new ArrayList<>();
            for (Option o : options.getOptions()) {
                String desc = o.getDescription() == null ? "" : o.getDescription();
                flags.add(new Flag(o.getLongOpt(), o.getOpt(), o.hasArg() ? o.getArgName() : null, desc,
                        desc.startsWith("(set by")));
            }
            return flags;
        }
    }

    /** Runs one command on the words after its name; returns the exit status. */
    interface Runner {
        int run(String[] args, PrintStream out, PrintStream err) throws UsageException;
    }

    /** One row of the command table. */
    record Command(String name, String summary, String usage, String description, List<Flag> flags,
            List<String> examples, Runner runner) {
        Flag flag(String word) {
            for (Flag f : flags) {
                if (word.equals(f.name()) || word.equals(f.shortName())) {
                    return f;
                }
            }
            return null;
        }
    }

    /** {@code stacklab --help}: every command with its one-line summary. */
    static String overview(List<Command> commands) {
        StringBuilder b = new StringBuilder();
        b.append("usage: stacklab COMMAND [ARGS] [--FLAG ...]\n\n");
        b.append("StackLab simulates a network stack: sockets, ports, and which rule picks the socket.\n\n");
        b.append("commands:\n");
        int width = commands.stream().mapToInt(c -> c.name().length()).max().orElse(0);
        for (Command c : commands) {
            b.append("  ").append(pad(c.name(), width)).append("  ").append(c.summary()).append('\n');
        }
        b.append("\n  stacklab COMMAND --help   flags and examples of one command\n");
        b.append("  stacklab --version        the version\n");
        return b.toString();
    }

    /** {@code stacklab CMD --help}: usage, what it does, every flag, examples. */
    static String of(Command c) {
        StringBuilder b = new StringBuilder();
        b.append("usage: ").append(c.usage()).append("\n\n").append(c.description()).append('\n');
        List<Flag> shown = c.flags().stream().filter(f -> !f.hidden()).toList();
        if (!shown.isEmpty()) {
            b.append("\nflags:\n");
            int width = shown.stream().mapToInt(f -> f.synopsis().length()).max().orElse(0);
            for (Flag f : shown) {
                b.append("  ").append(pad(f.synopsis(), width)).append("  ").append(f.description()).append('\n');
            }
            b.append("  ").append(pad("-h, --help", width)).append("  this help\n");
        }
        b.append("\nexamples:\n");
        for (String e : c.examples()) {
            b.append("  ").append(e).append('\n');
        }
        return b.toString();
    }

    /** True when {@code args} ask for help ({@code --help} or {@code -h} before any {@code --}). */
    static boolean asksForHelp(String[] args) {
        for (String a : args) {
            if (a.equals("--")) {
                return false;
            }
            if (a.equals("--help") || a.equals("-h")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Rejects a flag the command does not know, suggesting the closest one it does ("did you mean
     * --seed?"). Values of flags that take one are skipped; nothing after {@code --} is a flag.
     */
    static void checkFlags(Command c, String[] args) throws UsageException {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--")) {
                return;
            }
            if (!a.startsWith("-") || a.equals("-") || a.matches("-[0-9].*")) {
                continue;
            }
            String word = a.replaceFirst("^--?", "");
            int eq = word.indexOf('=');
            boolean inlineValue = eq >= 0;
            if (inlineValue) {
                word = word.substring(0, eq);
            }
            Flag f = c.flag(word);
            if (f == null) {
                throw new UsageException(c.name() + ": unknown flag " + a.split("=", 2)[0] + suggestion(c, word)
                        + " (see stacklab " + c.name() + " --help)");
            }
            if (f.takesValue() && !inlineValue) {
                i++;
            }
        }
    }

    private static String suggestion(Command c, String word) {
        List<String> names = c.flags().stream().filter(f -> !f.hidden()).map(Flag::name).toList();
        List<String> candidates = new ArrayList<>(names);
        candidates.add("help");
        String close = Suggest.closest(word.toLowerCase(Locale.ROOT), candidates);
        if (close != null) {
            return "; did you mean --" + close + "?";
        }
        return names.isEmpty() ? "; it takes no flags" : "; flags: --" + String.join(", --", names);
    }

    /** The message for a word that is no command: the closest command, or the list of them. */
    static String unknownCommand(String word, List<Command> commands) {
        List<String> names = commands.stream().map(Command::name).toList();
        String close = Suggest.closest(word, names);
        String hint = close != null ? "; did you mean '" + close + "'?" : " (commands: " + String.join(", ", names) + ")";
        return "unknown command '" + word + "'" + hint + " (see stacklab --help)";
    }

    private static String pad(String s, int width) {
        return s + " ".repeat(Math.max(0, width - s.length()));
    }
}
