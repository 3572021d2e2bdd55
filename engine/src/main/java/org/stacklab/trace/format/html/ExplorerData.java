package org.stacklab.trace.format.html;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.stacklab.trace.TraceEvent;
import org.stacklab.trace.TraceEvent.Candidate;
import org.stacklab.trace.TraceEvent.Delivery;
import org.stacklab.trace.TraceEvent.PacketEvent;
import org.stacklab.trace.TraceEvent.SocketRow;
import org.stacklab.wire.PacketEncoder;

/**
 * The run as the explorer's script reads it: one compact JSON array per event, the packet's
 * real bytes (base64, the same bytes trace.pcap holds for a {@code tx}; the script writes the
 * packet's one-line summary from them, so the page does not carry it twice), each delivery's
 * decision, and the changes to the event's host's socket table since that host's last change.
 *
 * <p>A run of up to {@link #HEAD} + {@link #TAIL} (100,000) events is kept whole. Past that the page keeps the first {@code HEAD} and the last
 * {@code TAIL} and says how many it left out; the tables at the start of the kept tail are
 * written whole, so that the tail still shows them right.
 */
final class ExplorerData {
    /** Events kept from the start of a long run. */
    static final int HEAD = 80_000;
    /** Events kept from its end. */
    static final int TAIL = 20_000;

    private final ReportInfo info;
    private final TableSource tables;
    private final List<QuizPick> quiz;
    private String docs;
    private final int head;
    private final int tail;
    private final Map<String, Integer> hostIndex = new HashMap<>();
    private final List<String> hosts = new ArrayList<>();
    private final Map<String, Map<Integer, SocketRow>> current = new HashMap<>();
    private final List<Entry> first = new ArrayList<>();
    private final ArrayDeque<Entry> last = new ArrayDeque<>();
    /** The tables as they stood just before the oldest event in {@link #last} (after the events kept before it and those left out). */
    private final Map<String, Map<Integer, SocketRow>> tailBase = new TreeMap<>();
    private long seen;
    /** The bytes of the last few packets kept at the start, and where: a hop that did not change them refers back. */
    private final Map<String, Integer> recent = new LinkedHashMap<>(64, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Integer> eldest) {
            return size() > 32;
        }
    };
    /** Strings of the deliveries (rules, explanations, ...), written once each and referred to by number. */
    private final Map<String, Integer> strings = new HashMap<>();
    private final List<String> stringList = new ArrayList<>();
    private final byte[] buf = new byte[65_600];

    /** One event, written, and the table change it carries (null for none). */
    private record Entry(String json, String host, Map<Integer, SocketRow> changed) {}

    ExplorerData(ReportInfo info, TableSource tables, List<QuizPick> quiz, String docs) {
        this(info, tables, quiz, HEAD, TAIL);
        this.docs = docs;
    }

    ExplorerData(ReportInfo info, TableSource tables, List<QuizPick> quiz, int head, int tail) {
        this.info = info;
        this.quiz = quiz == null ? null : List.copyOf(quiz);
        this.tables = tables;
        this.head = head;
        this.tail = tail;
        for (ReportInfo.Host h : info.hosts()) {
            host(h.name());
        }
    }

    private int host(String name) {
        return hostIndex.computeIfAbsent(name == null ? "" : name, n -> {
            hosts.add(n);
            return hosts.size() - 1;
        });
    }

    void event(TraceEvent e, String summary, String process, int socket, String proto) {
        seen++;
        Map<Integer, SocketRow> changed = tableChange(e.host());
        StringBuilder sb = new StringBuilder(160);
        sb.append('[').append(e.time()).append(',').append(host(e.host())).append(',');
        JsonText.str(sb, e.kind()).append(',');
        JsonText.str(sb, e instanceof PacketEvent ? "" : summary).append(',');
        JsonText.str(sb, process).append(',').append(socket).append(',');
        JsonText.str(sb, proto).append(',');
        if (e instanceof PacketEvent p) {
            packet(sb, p);
        } else {
            sb.append('0');
        }
        sb.append(',');
        rowsAndGone(sb, changed);
        sb.append(']');
        Entry entry = new Entry(sb.toString(), e.host(), changed);
        if (first.size() < head) {
            first.add(entry);
            if (changed != null) { // the tables after the kept start are where a kept tail starts from
                apply(tailBase.computeIfAbsent(entry.host, h -> new TreeMap<>()), changed);
            }
            return;
        }
        last.addLast(entry);
        if (last.size() > tail) {
            Entry old = last.removeFirst();
            if (old.changed != null) {
                apply(tailBase.computeIfAbsent(old.host, h -> new TreeMap<>()), old.changed);
            }
        }
    }

    /** What changed in {@code host}'s table since its last change: changed rows, and null rows for sockets gone. */
    private Map<Integer, SocketRow> tableChange(String host) {
        if (tables == null || host == null || host.isEmpty()) {
            return null;
        }
        List<SocketRow> rows = tables.rows(host);
        if (rows == null) {
            return null;
        }
        Map<Integer, SocketRow> before = current.computeIfAbsent(host, h -> new HashMap<>());
        Map<Integer, SocketRow> now = new HashMap<>();
        Map<Integer, SocketRow> changed = new TreeMap<>();
        for (SocketRow r : rows) {
            now.put(r.socket(), r);
            if (!r.equals(before.get(r.socket()))) {
                changed.put(r.socket(), r);
            }
        }
        for (Integer id : before.keySet()) {
            if (!now.containsKey(id)) {
                changed.put(id, null);
            }
        }
        if (changed.isEmpty()) {
            return null;
        }
        current.put(host, now);
        return changed;
    }

    private static void apply(Map<Integer, SocketRow> table, Map<Integer, SocketRow> changed) {
        changed.forEach((id, row) -> {
            if (row == null) {
                table.remove(id);
            } else {
                table.put(id, row);
            }
        });
    }

    private void packet(StringBuilder sb, PacketEvent p) {
        int n = PacketEncoder.encodeInto(p.packet(), buf, 0);
        byte[] bytes = Arrays.copyOf(buf, n);
        String b64 = Base64.getEncoder().encodeToString(bytes);
        Integer same = first.size() < head ? recent.get(b64) : null;
        if (same != null) {
            sb.append("{\"r\":").append(first.size() - same); // the same bytes as that many events back
        } else {
            sb.append("{\"b\":\"").append(b64).append('"');
            if (first.size() < head) {
                recent.put(b64, first.size());
            }
        }
        if (p.retransmit()) {
            sb.append(",\"rtx\":1");
        }
        Delivery d = p.delivery();
        if (d != null) {
            sb.append(",\"d\":[").append(d.socket()).append(',').append(str(d.process())).append(',')
                    .append(str(d.rule())).append(',').append(str(d.local())).append(',').append(str(d.explanation()))
                    .append(",[");
            for (int i = 0; i < d.candidates().size(); i++) {
                Candidate c = d.candidates().get(i);
                sb.append(i > 0 ? ",[" : "[").append(c.socket()).append(',').append(str(c.process())).append(',')
                        .append(str(c.local())).append(',').append(str(c.why())).append(']');
            }
            sb.append("]]");
        }
        if (p.reason() != null) {
            JsonText.str(sb.append(",\"why\":"), p.reason());
            if (p.detail() != null) {
                JsonText.str(sb.append(",\"wd\":"), p.detail());
            }
        }
        sb.append('}');
    }

    private int str(String s) {
        return strings.computeIfAbsent(s == null ? "" : s, k -> {
            stringList.add(k);
            return stringList.size() - 1;
        });
    }

    /** {@code [[row...],[gone ids]]}, or 0 when nothing changed. */
    private static void rowsAndGone(StringBuilder sb, Map<Integer, SocketRow> changed) {
        if (changed == null) {
            sb.append('0');
            return;
        }
        sb.append("[[");
        boolean firstRow = true;
        for (SocketRow r : changed.values()) {
            if (r != null) {
                sb.append(firstRow ? "" : ",");
                row(sb, r);
                firstRow = false;
            }
        }
        sb.append("],[");
        boolean firstGone = true;
        for (Map.Entry<Integer, SocketRow> g : changed.entrySet()) {
            if (g.getValue() == null) {
                sb.append(firstGone ? "" : ",").append(g.getKey());
                firstGone = false;
            }
        }
        sb.append("]]");
    }

    private static void row(StringBuilder sb, SocketRow r) {
        sb.append('[').append(r.socket()).append(',');
        JsonText.str(sb, r.proto()).append(',');
        JsonText.str(sb, r.state()).append(',');
        JsonText.str(sb, r.local()).append(',');
        JsonText.str(sb, r.peer()).append(',');
        JsonText.str(sb, r.process()).append(',').append(r.recvQ()).append(',').append(r.sendQ()).append(']');
    }

    /** Writes the data as a JSON script element the explorer reads; nothing in it can end the element. */
    void render(StringBuilder sb) {
        sb.append("<script type=\"application/json\" id=\"run-data\">{\"hosts\":[");
        for (int i = 0; i < hosts.size(); i++) {
            JsonText.str(sb.append(i > 0 ? "," : ""), hosts.get(i));
        }
        sb.append("],\"addrs\":{");
        for (int i = 0; i < info.hosts().size(); i++) {
            ReportInfo.Host h = info.hosts().get(i);
            JsonText.str(sb.append(i > 0 ? "," : ""), h.name()).append(":[");
            for (int j = 0; j < h.addresses().size(); j++) {
                JsonText.str(sb.append(j > 0 ? "," : ""), h.addresses().get(j).toString());
            }
            sb.append(']');
        }
        sb.append("},\"groups\":{");
        boolean any = false;
        for (ReportInfo.Host h : info.hosts()) {
            if (h.group() != null) {
                JsonText.str(JsonText.str(sb.append(any ? "," : ""), h.name()).append(':'), h.group());
                any = true;
            }
        }
        sb.append("},\"links\":[");
        for (int i = 0; i < info.links().size(); i++) {
            ReportInfo.Link l = info.links().get(i);
            JsonText.str(JsonText.str(sb.append(i > 0 ? ",[" : "["), l.a()).append(','), l.b()).append(']');
        }
        sb.append("],\"quiz\":");
        if (quiz == null) {
            sb.append("null");
        } else {
            sb.append('[');
            for (int i = 0; i < quiz.size(); i++) {
                QuizPick q = quiz.get(i);
                JsonText.str(sb.append(i > 0 ? ",[" : "["), q.host()).append(',').append(q.port()).append(',')
                        .append(q.first()).append(']');
            }
            sb.append(']');
        }
        JsonText.str(sb.append(",\"docs\":"), docs);
        sb.append(",\"seen\":").append(seen).append(",\"head\":").append(first.size()).append(",\"tailBase\":[");
        boolean firstHost = true;
        for (Map.Entry<String, Map<Integer, SocketRow>> t : last.isEmpty() ? Map.<String, Map<Integer, SocketRow>>of().entrySet()
                : tailBase.entrySet()) {
            sb.append(firstHost ? "[" : ",[").append(host(t.getKey())).append(",[");
            firstHost = false;
            boolean firstRow = true;
            for (SocketRow r : t.getValue().values()) {
                sb.append(firstRow ? "" : ",");
                row(sb, r);
                firstRow = false;
            }
            sb.append("]]");
        }
        sb.append("],\"strs\":[");
        for (int i = 0; i < stringList.size(); i++) {
            JsonText.str(sb.append(i > 0 ? "," : ""), stringList.get(i));
        }
        sb.append("],\"events\":[\n");
        boolean firstEvent = true;
        for (Entry e : first) {
            sb.append(firstEvent ? "" : ",\n").append(e.json);
            firstEvent = false;
        }
        for (Entry e : last) {
            sb.append(firstEvent ? "" : ",\n").append(e.json);
            firstEvent = false;
        }
        sb.append("]}</script>\n");
    }
}
