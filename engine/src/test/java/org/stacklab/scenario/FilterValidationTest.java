package org.stacklab.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import org.junit.jupiter.api.Test;
import org.stacklab.net.filter.FilterConfig;
import org.stacklab.net.filter.FilterRule;
import org.stacklab.net.filter.NatRule;

/** The host keys {@code nat} and {@code firewall}: what the loader takes, and its messages for mistakes. */
class FilterValidationTest {
    private static final String HOST = """
            scenario: t
            hosts:
              - name: home
                ips: [192.168.1.1, 203.0.113.1]
                forward: true
            """;

    @Test
    void readsTheContractsExample() {
        Scenario s = Loading.ok(HOST + """
                    nat:
                      - masquerade: {from: 192.168.1.0/24, to: 203.0.113.1}
                      - snat: {from: 192.168.2.0/24, to: 203.0.113.1, ports: 40000-40009}
                      - dnat: {proto: tcp, at: 203.0.113.1, to_port: 8080, to: 192.168.1.10:80}
                    firewall:
                      policy: accept
                      rules:
                        - {chain: input, proto: tcp, dport: 25, action: reject}
                        - {chain: input, proto: udp, dport: 161, action: drop}
                        - {chain: forward, state: [established, related], action: accept}
                        - {chain: forward, src: 192.168.1.0/24, action: accept}
                        - {chain: forward, action: drop}
                        - {chain: input, proto: tcp, dport: 1000-2000, action: reject, reject_with: tcp-reset}
                """);
        FilterConfig f = s.hosts().get(0).filter();
        assertNotNull(f);
        assertEquals(3, f.nat().size());
        NatRule.Snat snat = (NatRule.Snat) f.nat().get(1);
        assertEquals(40000, snat.lo());
        assertEquals(40009, snat.hi());
        assertEquals(6, f.rules().size());
        FilterRule last = f.rules().get(5);
        assertEquals(1000, last.dportLo());
        assertEquals(FilterRule.RejectWith.TCP_RESET, last.rejectWith());
        assertEquals(FilterRule.Action.ACCEPT, f.policy(FilterRule.Chain.FORWARD));
    }

    @Test
    void policyPerChain() {
        Scenario s = Loading.ok(HOST + """
                    firewall: {policy: {forward: drop}}
                """);
        FilterConfig f = s.hosts().get(0).filter();
        assertEquals(FilterRule.Action.DROP, f.policy(FilterRule.Chain.FORWARD));
        assertEquals(FilterRule.Action.ACCEPT, f.policy(FilterRule.Chain.INPUT));
    }

    @Test
    void unknownKeysAndWordsGetDidYouMean() {
        Loading.assertErrors(HOST + """
                    nat:
                      - masqurade: {from: 192.168.1.0/24, to: 203.0.113.1}
                    firewall:
                      polcy: drop
                      rules:
                        - {chain: fowrard, action: dorp}
                        - {chain: input, action: reject, reject_with: tcp-rest, proto: tcp}
                        - {chain: input, action: accept, sate: new}
                """,
                "t.yaml:7:9: unknown key 'masqurade' in nat; did you mean 'masquerade'?",
                "t.yaml:9:7: unknown key 'polcy' in firewall; did you mean 'policy'?",
                "t.yaml:11:19: unknown chain 'fowrard'; did you mean 'forward'?",
                "t.yaml:11:36: unknown action 'dorp'; did you mean 'drop'?",
                "t.yaml:12:55: unknown reject_with 'tcp-rest'; did you mean 'tcp-reset'?",
                "t.yaml:13:42: unknown key 'sate' in firewall rule; did you mean 'state'?");
    }

    @Test
    void valuesAreChecked() {
        Loading.assertErrors(HOST + """
                    nat:
                      - masquerade: {from: 192.168.1.0/24, to: 10.9.9.9}
                      - snat: {from: 192.168.2.0/24, to: 203.0.113.1, ports: 40009-40000}
                      - dnat: {proto: sctp, at: 203.0.113.1, to_port: 8080, to: 192.168.1.10}
                    firewall:
                      rules:
                        - {chain: input, proto: udp, action: drop, reject_with: tcp-reset}
                        - {chain: input, action: reject, reject_with: tcp-reset}
                        - {chain: input, proto: icmp, dport: 7, action: drop}
                        - {chain: input, state: [new, old], action: drop}
                        - {action: drop}
                """,
                "t.yaml:7:48: 'to' must be one of this host's addresses (192.168.1.1, 203.0.113.1), got 10.9.9.9",
                "t.yaml:8:62: 'ports' must be ports 1-65535 with LO <= HI, got '40009-40000'",
                "t.yaml:9:23: unknown proto 'sctp'; did you mean 'tcp'?",
                "t.yaml:9:65: expected ip:port, got '192.168.1.10'",
                "t.yaml:12:65: 'reject_with' goes with action: reject, not drop",
                "t.yaml:13:55: tcp-reset answers TCP only: the rule needs proto: tcp (as nftables requires)",
                "t.yaml:14:46: ICMP has no ports: 'sport' and 'dport' need proto tcp or udp",
                "t.yaml:15:39: unknown state 'old'; one of new, established, related",
                "t.yaml:16:11: missing required key 'chain' in firewall rule");
    }

    @Test
    void expectFromIsAnEndpoint() {
        Loading.assertErrors(HOST + """
                processes:
                  - name: p
                    host: home
                    steps:
                      - socket: {name: u, type: dgram}
                      - recvfrom: {socket: u, expect_from: "nowhere"}
                """,
                "t.yaml:11:44: 'expect_from' must be ip:port (the port may be *), got 'nowhere'");
    }
}
