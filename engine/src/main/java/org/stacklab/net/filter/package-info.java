/**
 * Netfilter on a host: connection tracking ({@link org.stacklab.net.filter.Conntrack}), source and
 * destination NAT ({@link org.stacklab.net.filter.NatRule}, ports chosen as Linux's
 * {@code nf_nat_core} does) and the stateful firewall ({@link org.stacklab.net.filter.FilterRule}),
 * run by {@link org.stacklab.net.filter.Netfilter} at the hooks {@code net} calls. The rules are
 * explained in docs/nat-and-firewall.md (NF1-NF21).
 *
 * <p>May import {@code sim}, {@code wire}, {@code trace} and {@code net}; never {@code transport}
 * or anything above it.
 */
package org.stacklab.net.filter;
