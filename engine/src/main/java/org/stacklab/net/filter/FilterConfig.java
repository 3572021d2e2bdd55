package org.stacklab.net.filter;

import java.util.List;
import org.stacklab.net.filter.FilterRule.Action;
import org.stacklab.net.filter.FilterRule.Chain;

/** A host's NAT rules and firewall as the scenario gave them. */
public record FilterConfig(List<NatRule> nat, Action inputPolicy, Action forwardPolicy, Action outputPolicy,
        List<FilterRule> rules) {
    public FilterConfig {
        nat = List.copyOf(nat);
        rules = List.copyOf(rules);
    }

    public Action policy(Chain c) {
        switch (c) {
            case INPUT:
                return inputPolicy;
            case FORWARD:
                return forwardPolicy;
            default:
                return outputPolicy;
        }
    }
}
