package org.stacklab.scenario;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.stacklab.net.filter.Cidr;
import org.stacklab.net.filter.FilterConfig;
import org.stacklab.net.filter.FilterRule;
import org.stacklab.net.filter.FilterRule.Action;
import org.stacklab.net.filter.FilterRule.Chain;
import org.stacklab.net.filter.FilterRule.CtState;
import org.stacklab.net.filter.FilterRule.RejectWith;
import org.stacklab.net.filter.NatRule;
import org.stacklab.wire.Endpoint;
import org.stacklab.wire.IpAddress;
import org.stacklab.wire.Ipv4Address;
import org.stacklab.wire.Protocol;

/** Reads a host's {@code nat:} list and {@code firewall:} map (docs/nat-and-firewall.md). */
final class FilterReader {
    static final List<String> NAT_KINDS = List.of("masquerade", "snat", "dnat");
    static final List<String> MASQUERADE_KEYS = List.of("from", "to");
    static final List<String> SNAT_KEYS = List.of("from", "to", "ports");
    static final List<String> DNAT_KEYS = List.of("proto", "at", "to_port", "to");
    static final List<String> FIREWALL_KEYS = List.of("policy", "rules");
    static final List<String> CHAINS = List.of("input", "forward", "output");
    static final List<String> ACTIONS = List.of("accept", "drop", "reject");
    static final List<String> POLICIES = List.of("accept", "drop");
    static final List<String> RULE_KEYS = List.of("chain", "proto", "src", "dst", "sport", "dport", "state", "action",
            "reject_with");
    static final List<String> PROTOS = List.of("tcp", "udp", "icmp");
    static final List<String> STATES = List.of("new", "established", "related");
    static final List<String> REJECT_WITH = List.of("icmp-port-unreachable", "icmp-admin-prohibited",
            "icmp-host-unreachable", "icmp-net-unreachable", "tcp-reset");

    private final Problems problems;

    FilterReader(Problems problems) {
        this.problems = problems;
    }

    /** The host's netfilter setup, or null when it has neither key (or they had mistakes). */
    FilterConfig read(Fields host, List<IpAddress> ips) {
        if (!host.has("nat") && !host.has("firewall")) {
            return null;
        }
        int before = problems.size();
        List<NatRule> nat = new ArrayList<>();
        List<YamlNode> items = host.has("nat") ? host.list("nat") : List.of();
        for (YamlNode n : items == null ? List.<YamlNode>of() : items) {
            NatRule r = natRule(n, ips);
            if (r != null) {
                nat.add(r);
            }
        }
        Action[] policy = {Action.ACCEPT, Action.ACCEPT, Action.ACCEPT};
        List<FilterRule> rules = new ArrayList<>();
        YamlNode.Mapping fw = host.has("firewall") ? host.mapping("firewall") : null;
        if (fw != null) {
            Fields f = new Fields(problems, fw, "in firewall").allow(FIREWALL_KEYS);
            if (f.has("policy")) {
                policy(f, policy);
            }
            List<YamlNode> rs = f.has("rules") ? f.list("rules") : List.of();
            for (YamlNode n : rs == null ? List.<YamlNode>of() : rs) {
                FilterRule r = rule(n, rules.size());
                rules.add(r);
            }
        }
        if (problems.size() > before) {
            return null;
        }
        return new FilterConfig(nat, policy[0], policy[1], policy[2], rules);
    }

    private NatRule natRule(YamlNode n, List<IpAddress> ips) {
        if (!(n instanceof YamlNode.Mapping m) || m.entries().size() != 1) {
            problems.at(n.pos(), "expected a NAT rule: one of {masquerade: {from, to}}, {snat: {from, to, ports}}"
                    + " or {dnat: {proto, at, to_port, to}}, got " + n.describe());
            return null;
        }
        Fields outer = new Fields(problems, m, "in nat").allow(NAT_KINDS);
        String kind = m.entries().keySet().iterator().next();
        if (!NAT_KINDS.contains(kind)) {
            return null;
        }
        YamlNode.Mapping body = outer.mapping(kind);
        if (body == null) {
            return null;
        }
        switch (kind) {
            case "masquerade":
            case "snat": {
                Fields f = new Fields(problems, body, "in " + kind).allow(kind.equals("snat") ? SNAT_KEYS : MASQUERADE_KEYS);
                Cidr from = f.require("from") ? f.parsed("from", "an address or CIDR like 192.168.1.0/24", Cidr::parse) : null;
                Ipv4Address to = f.require("to") ? own(f, "to", ips) : null;
                int[] ports = f.has("ports") ? range(f, "ports", 1) : new int[] {0, 0};
                return from == null || to == null || ports == null ? null
                        : new NatRule.Snat(from, to, ports[0], ports[1], kind.equals("masquerade"));
            }
            default: {
                Fields f = new Fields(problems, body, "in dnat").allow(DNAT_KEYS);
                Protocol proto = f.require("proto") ? proto(f, List.of("tcp", "udp")) : null;
                Ipv4Address at = f.require("at") ? own(f, "at", ips) : null;
                Long port = f.require("to_port") ? f.whole("to_port", 1, 65535) : null;
                Endpoint to = f.require("to") ? f.parsed("to", "an endpoint like 192.168.1.10:80", Endpoint::parse) : null;
                if (to != null && !(to.ip() instanceof Ipv4Address)) {
                    f.error("to", "NAT translates IPv4 only: 'to' must be an IPv4 endpoint, got " + to);
                    to = null;
                }
                return proto == null || at == null || port == null || to == null ? null
                        : new NatRule.Dnat(proto, at, port.intValue(), to);
            }
        }
    }

    /** An address of this host (a NAT translates to the router's own address). */
    private Ipv4Address own(Fields f, String key, List<IpAddress> ips) {
        Ipv4Address a = f.parsed(key, "an IPv4 address", Ipv4Address::parse);
        if (a != null && ips != null && !ips.contains(a)) {
            f.error(key, "'" + key + "' must be one of this host's addresses (" + join(ips) + "), got " + a);
            return null;
        }
        return a;
    }

    private static String join(List<IpAddress> ips) {
        List<String> s = new ArrayList<>();
        ips.forEach(a -> s.add(a.toString()));
        return String.join(", ", s);
    }

    private void policy(Fields f, Action[] policy) {
        YamlNode n = f.node("policy");
        if (n instanceof YamlNode.Mapping m) {
            Fields p = new Fields(problems, m, "in policy").allow(CHAINS);
            for (int i = 0; i < CHAINS.size(); i++) {
                if (p.has(CHAINS.get(i))) {
                    Action a = word(p, CHAINS.get(i), POLICIES, Action.class);
                    policy[i] = a == null ? policy[i] : a;
                }
            }
            return;
        }
        Action a = word(f, "policy", POLICIES, Action.class);
        if (a != null) {
            policy[0] = policy[1] = policy[2] = a;
        }
    }

    private FilterRule rule(YamlNode n, int index) {
        YamlNode.Mapping m = Values.mapping(problems, n, " for a firewall rule");
        if (m == null) {
            return null;
        }
        Fields f = new Fields(problems, m, "in firewall rule").allow(RULE_KEYS);
        Chain chain = f.require("chain") ? word(f, "chain", CHAINS, Chain.class) : null;
        Action action = f.require("action") ? word(f, "action", ACTIONS, Action.class) : null;
        Protocol proto = f.has("proto") ? proto(f, PROTOS) : null;
        String cidr = "an address or CIDR like 192.168.1.0/24";
        Cidr src = f.parsed("src", cidr, Cidr::parse);
        Cidr dst = f.parsed("dst", cidr, Cidr::parse);
        int[] sport = f.has("sport") ? range(f, "sport", 0) : new int[] {0, 0};
        int[] dport = f.has("dport") ? range(f, "dport", 0) : new int[] {0, 0};
        if ((f.has("sport") || f.has("dport")) && proto == Protocol.ICMP) {
            f.error(f.has("sport") ? "sport" : "dport", "ICMP has no ports: 'sport' and 'dport' need proto tcp or udp");
        }
        Set<CtState> states = f.has("state") ? states(f) : null;
        RejectWith with = null;
        if (f.has("reject_with")) {
            String w = f.string("reject_with", null);
            with = w == null ? null : RejectWith.byLabel(w);
            if (w != null && with == null) {
                f.error("reject_with", "unknown reject_with '" + w + "'" + Suggest.didYouMean(w, REJECT_WITH,
                        "; one of " + String.join(", ", REJECT_WITH)));
            } else if (action != null && action != Action.REJECT) {
                f.error("reject_with", "'reject_with' goes with action: reject, not " + action.label());
            } else if (with == RejectWith.TCP_RESET && proto != Protocol.TCP) {
                f.error("reject_with", "tcp-reset answers TCP only: the rule needs proto: tcp (as nftables requires)");
            }
        }
        if (chain == null || action == null || sport == null || dport == null) {
            return null;
        }
        return new FilterRule(index, m.pos().line(), chain, proto, src, dst, sport[0], sport[1], dport[0], dport[1], states,
                action, with);
    }

    private Protocol proto(Fields f, List<String> allowed) {
        String p = f.string("proto", null);
        if (p == null) {
            return null;
        }
        if (!allowed.contains(p)) {
            f.error("proto", "unknown proto '" + p + "'" + Suggest.didYouMean(p, allowed, "; one of " + String.join(", ", allowed)));
            return null;
        }
        return Protocol.valueOf(p.toUpperCase(Locale.ROOT));
    }

    private Set<CtState> states(Fields f) {
        YamlNode n = f.node("state");
        List<YamlNode> items = n instanceof YamlNode.Sequence s ? s.items() : List.of(n);
        Set<CtState> out = EnumSet.noneOf(CtState.class);
        for (YamlNode i : items) {
            String w = Values.string(problems, i, " for 'state'", null);
            if (w == null) {
                continue;
            }
            if (!STATES.contains(w)) {
                problems.at(i.pos(), "unknown state '" + w + "'" + Suggest.didYouMean(w, STATES, "; one of " + String.join(", ", STATES)));
                continue;
            }
            out.add(CtState.valueOf(w.toUpperCase(Locale.ROOT)));
        }
        return out;
    }

    private <E extends Enum<E>> E word(Fields f, String key, List<String> allowed, Class<E> type) {
        String w = f.string(key, null);
        if (w == null) {
            return null;
        }
        if (!allowed.contains(w)) {
            f.error(key, "unknown " + key + " '" + w + "'" + Suggest.didYouMean(w, allowed, "; one of " + String.join(", ", allowed)));
            return null;
        }
        return Enum.valueOf(type, w.toUpperCase(Locale.ROOT));
    }

    /** A port ({@code 80}) or a range ({@code 1000-2000}), each between {@code min} (or 1) and 65535. */
    private int[] range(Fields f, String key, int min) {
        YamlNode n = f.node(key);
        YamlNode.Scalar s = Values.scalar(problems, n, "a port or a range LO-HI", " for '" + key + "'");
        if (s == null) {
            return null;
        }
        String t = s.text().strip();
        String[] parts = t.split("-", -1);
        if (parts.length > 2 || !parts[0].matches("[0-9]{1,5}") || (parts.length == 2 && !parts[1].matches("[0-9]{1,5}"))) {
            f.error(key, "expected a port or a range LO-HI for '" + key + "', got '" + t + "'");
            return null;
        }
        int lo = Integer.parseInt(parts[0]);
        int hi = parts.length == 2 ? Integer.parseInt(parts[1]) : lo;
        if (lo < 1 || hi > 65535 || lo > hi) {
            f.error(key, "'" + key + "' must be ports 1-65535 with LO <= HI, got '" + t + "'");
            return null;
        }
        return new int[] {lo, hi};
    }
}
