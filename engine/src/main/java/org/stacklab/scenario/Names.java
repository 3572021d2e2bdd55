package org.stacklab.scenario;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The names of one kind (hosts or processes), where a group named {@code client} of N stands
 * for {@code client1 .. clientN} without writing each member down.
 */
final class Names {
    /** How many members of a large group a glob is tried against before giving up. */
    static final int GLOB_PROBE = 10_000;
    private static final Pattern MEMBER_SUFFIX = Pattern.compile("[1-9][0-9]{0,9}");

    /** A name as written; {@code count} 0 for a single thing, N for a group. */
    record Def(String name, long count, Pos pos) {
        boolean isGroup() {
            return count > 0;
        }
    }

    private final String what;
    private final Map<String, Def> written = new LinkedHashMap<>();
    private final List<Def> groups = new ArrayList<>();

    /** {@code what} is the singular noun used in messages: "host", "process". */
    Names(String what) {
        this.what = what;
    }

    /** Adds a name (a group when {@code count > 0}); returns why it clashes, or null when it does not. */
    String add(String name, long count, Pos pos) {
        Def def = new Def(name, count, pos);
        String clash = clash(def);
        if (clash == null) {
            written.put(name, def);
            if (def.isGroup()) {
                groups.add(def);
            }
        }
        return clash;
    }

    private String clash(Def def) {
        Def same = written.get(def.name());
        if (same != null) {
            return "duplicate " + what + " name '" + def.name() + "' (first at line " + same.pos().line() + ")";
        }
        Def group = groupHaving(def.name());
        if (group != null) {
            return what + " name '" + def.name() + "' is taken by group '" + group.name() + "' (line "
                    + group.pos().line() + "), whose members are " + members(group);
        }
        if (!def.isGroup()) {
            return null;
        }
        // A member shared by two groups implies one group's own name is a member of the other.
        for (Def other : written.values()) {
            if (isMember(other.name(), def)) {
                return "group '" + def.name() + "' would make a second '" + other.name() + "' (first at line "
                        + other.pos().line() + ")";
            }
        }
        return null;
    }

    /** The definition {@code name} refers to: a single name, a group, or the group holding a member. */
    Def find(String name) {
        Def d = written.get(name);
        return d != null ? d : groupHaving(name);
    }

    /** True when {@code name} is a group's own name (not one of its members). */
    boolean isGroup(String name) {
        Def d = written.get(name);
        return d != null && d.isGroup();
    }

    /** The size of group {@code name}, or 0 when it is not a group. */
    long groupSize(String name) {
        Def d = written.get(name);
        return d == null ? 0 : d.count();
    }

    /** The names as written (groups by their own name), for suggestions. */
    List<String> written() {
        return List.copyOf(written.keySet());
    }

    /** True when the glob (a pattern with {@code *}) matches a name, a group or a group member. */
    boolean anyMatches(String glob) {
        Pattern p = globPattern(glob);
        for (Def d : written.values()) {
            if (p.matcher(d.name()).matches()) {
                return true;
            }
            long probe = Math.min(d.count(), GLOB_PROBE);
            for (long i = 1; i <= probe; i++) {
                if (p.matcher(d.name() + i).matches()) {
                    return true;
                }
            }
            if (d.isGroup() && p.matcher(d.name() + d.count()).matches()) {
                return true;
            }
        }
        return false;
    }

    /** A glob over names: {@code *} matches any run of characters, everything else itself. */
    static Pattern globPattern(String glob) {
        String[] parts = glob.split("\\*", -1);
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                re.append(".*");
            }
            re.append(Pattern.quote(parts[i]));
        }
        return Pattern.compile(re.toString(), Pattern.DOTALL);
    }

    private Def groupHaving(String name) {
        for (Def g : groups) {
            if (isMember(name, g)) {
                return g;
            }
        }
        return null;
    }

    private static boolean isMember(String name, Def group) {
        if (!group.isGroup() || !name.startsWith(group.name())) {
            return false;
        }
        String suffix = name.substring(group.name().length());
        return MEMBER_SUFFIX.matcher(suffix).matches() && Long.parseLong(suffix) <= group.count();
    }

    private static String members(Def g) {
        return g.count() == 1 ? g.name() + "1" : g.name() + "1 .. " + g.name() + g.count();
    }
}
