package org.stacklab.scenario;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.stacklab.process.Step;
import org.stacklab.wire.Endpoint;

/**
 * The names a script has defined so far, read top to bottom: sockets (from {@code socket} and
 * {@code accept ... as:}) and kept datagrams (from {@code recvfrom ... as:}). A name defined
 * inside a {@code repeat} block stays defined after it.
 */
final class ScriptScope {
    /** The keys of a {@code data: {bytes: N}} map. */
    static final java.util.List<String> DATA_KEYS = java.util.List.of("bytes");
    static final Pattern VARIABLE = Pattern.compile("[A-Za-z0-9_-]+");
    private static final Pattern FROM_TEMPLATE = Pattern.compile("\\$\\{([A-Za-z0-9_-]+)\\.from\\}");
    private static final Pattern REFERENCE = Pattern.compile("([A-Za-z0-9_-]+)\\.(from|data)");
    /** The host variables of a script: {@code ${member}}, {@code ${host}}, {@code ${ip}}, with sample values to check addresses by. */
    private static final java.util.Map<String, String> HOST_VARIABLES = java.util.Map.of("member", "1", "host", "h", "ip", "10.0.0.1");

    private final Problems problems;
    private final Set<String> sockets = new LinkedHashSet<>();
    private final Set<String> variables = new LinkedHashSet<>();

    ScriptScope(Problems problems) {
        this.problems = problems;
    }

    void defineSocket(String name) {
        if (name != null) {
            sockets.add(name);
        }
    }

    /** Whether an earlier step named the socket {@code name}. */
    boolean knows(String name) {
        return sockets.contains(name);
    }

    /** The required {@code socket} of a step, if an earlier step defined it. */
    String useSocket(Fields f) {
        String name = f.requiredString("socket");
        if (name != null && !sockets.contains(name)) {
            f.error("socket", "unknown socket '" + name + "': no earlier 'socket' or 'accept ... as:' step names it"
                    + Suggest.didYouMean(name, sockets, ""));
        }
        return name;
    }

    /** Reads {@code as} of a {@code recvfrom}: the name later steps use in templates. */
    String defineVariable(Fields f) {
        String name = f.string("as", null);
        if (name != null && !VARIABLE.matcher(name).matches()) {
            f.error("as", "'as' must be a name of letters, digits, '-' and '_', got '" + name + "'");
            return null;
        }
        if (name != null) {
            variables.add(name);
        }
        return name;
    }

    /** The required ip:port of {@code key}, or exactly {@code ${NAME.from}} of an earlier recvfrom. */
    String address(Fields f, String key) {
        String text = f.requiredString(key);
        if (text == null) {
            return null;
        }
        String sample = withHostVariables(text);
        if (!sample.equals(text) && !sample.contains("${")) {
            try {
                if (text.contains("[${ip}]")) {
                    // "[${ip}]:5000" on hosts whose first address is IPv6: check with an IPv6 sample
                    Endpoint.parse(withHostVariables(text.replace("${ip}", "2001:db8::1")));
                } else {
                    Endpoint.parse(sample); // "10.0.${member}.1:53", "${ip}:5000"
                }
                return text;
            } catch (IllegalArgumentException e) {
                f.error(key, "'" + key + "' is not ip:port once ${member}, ${host} and ${ip} are filled in: " + e.getMessage());
                return null;
            }
        }
        if (text.contains("${")) {
            Matcher m = FROM_TEMPLATE.matcher(text.strip());
            if (!m.matches()) {
                f.error(key, "'" + key + "' must be ip:port or exactly \"${NAME.from}\", got '" + text + "'");
                return null;
            }
            return variable(m.group(1), f.valuePos(key)) ? text.strip() : null;
        }
        try {
            Endpoint.parse(text);
            return text;
        } catch (IllegalArgumentException e) {
            f.error(key, e.getMessage());
            return null;
        }
    }

    /** The required {@code data} of a step: text (with templates checked) or {@code {bytes: N}}. */
    Step.Data data(Fields f) {
        if (!f.require("data")) {
            return null;
        }
        YamlNode n = f.node("data");
        if (n instanceof YamlNode.Mapping m) {
            Fields b = new Fields(problems, m, "in data").allow(DATA_KEYS);
            Long count = b.require("bytes") ? b.whole("bytes", 0, Integer.MAX_VALUE) : null;
            return count == null ? null : Step.Data.bytes(count.intValue());
        }
        String text = Values.string(problems, n, " for 'data' (text, or {bytes: N})", null);
        return text != null && templates(text, n.pos()) ? Step.Data.text(text) : null;
    }

    /** Checks every {@code ${...}} in {@code text} names {@code NAME.data} or {@code NAME.from} of a known name. */
    private boolean templates(String text, Pos pos) {
        boolean ok = true;
        int i = 0;
        while ((i = text.indexOf("${", i)) >= 0) {
            int end = text.indexOf('}', i);
            if (end < 0) {
                problems.at(pos, "unclosed template: '${' without a closing '}'");
                return false;
            }
            String inner = text.substring(i + 2, end);
            Matcher r = REFERENCE.matcher(inner);
            if (HOST_VARIABLES.containsKey(inner)) {
                i = end + 1;
                continue;
            }
            if (!r.matches()) {
                problems.at(pos, "bad template '${" + inner + "}': expected ${NAME.data}, ${NAME.from}, ${member}, ${host} or ${ip}");
                ok = false;
            } else {
                ok &= variable(r.group(1), pos);
            }
            i = end + 1;
        }
        return ok;
    }

    /** {@code text} with the host variables replaced by sample values. */
    private static String withHostVariables(String text) {
        String t = text;
        for (var e : HOST_VARIABLES.entrySet()) {
            t = t.replace("${" + e.getKey() + "}", e.getValue());
        }
        return t;
    }

    private boolean variable(String name, Pos pos) {
        if (variables.contains(name)) {
            return true;
        }
        problems.at(pos, "unknown variable '" + name + "': no earlier 'recvfrom' step has 'as: " + name + "'"
                + Suggest.didYouMean(name, variables, ""));
        return false;
    }
}
