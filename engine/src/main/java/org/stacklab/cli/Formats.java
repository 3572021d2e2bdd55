package org.stacklab.cli;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** The report formats {@code --format} chooses among. */
enum Formats {
    TEXT("trace.txt"), JSONL("trace.jsonl"), PCAP("trace.pcap"), PCAPNG("trace.pcapng"), HTML("report.html"),
    /** Per-host captures, {@code hosts/HOST.pcapng}; not in {@link #DEFAULT}. */
    HOSTS("hosts/");

    final String file;

    Formats(String file) {
        this.file = file;
    }

    static final String DEFAULT = "text,jsonl,pcap,pcapng,html";

    /** Parses {@code text,jsonl,...} or {@code none}. */
    static Set<Formats> parse(String spec) throws UsageException {
        Set<Formats> out = EnumSet.noneOf(Formats.class);
        if (spec.trim().equals("none")) {
            return out;
        }
        for (String part : spec.split(",", -1)) {
            String p = part.trim().toUpperCase(Locale.ROOT);
            if (p.isEmpty()) {
                throw new UsageException("--format '" + spec + "' has an empty name; use any of " + DEFAULT
                        + " separated by commas, or none");
            }
            try {
                out.add(Formats.valueOf(p));
            } catch (IllegalArgumentException e) {
                throw new UsageException("unknown format '" + part.trim() + "' in --format; use any of "
                        + DEFAULT + ",hosts, or none");
            }
        }
        return out;
    }
}
