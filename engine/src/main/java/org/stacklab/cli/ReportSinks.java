package org.stacklab.cli;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.stacklab.net.Host;
import org.stacklab.scenario.World;
import org.stacklab.trace.TraceSink;
import org.stacklab.trace.Tracer;
import org.stacklab.trace.format.html.HtmlReportWriter;
import org.stacklab.trace.format.JsonlTraceWriter;
import org.stacklab.trace.format.PcapTraceWriter;
import org.stacklab.trace.format.HostCapturesWriter;
import org.stacklab.trace.format.PcapngTraceWriter;
import org.stacklab.trace.format.TextTraceWriter;
import org.stacklab.wire.IpAddress;

/** The report writers of one run, each guarded so that a full disk does not stop the run. */
final class ReportSinks {
    private final List<GuardedSink> sinks = new ArrayList<>();
    private final List<String> files = new ArrayList<>();

    List<String> files() {
        return files;
    }

    /** Opens one file per format in the folder's staging area and adds its writer to {@code tracer}. */
    static ReportSinks attach(Tracer tracer, World w, Set<Formats> formats, ReportFolder folder,
            ReportFolder.Streams streams, CountingStream.Total total) throws IOException {
        ReportSinks r = new ReportSinks();
        try {
            open(r, tracer, w, formats, folder, streams, total);
        } catch (IOException | RuntimeException e) {
            // give back the files opened so far (out of descriptors is a common cause), so the
            // folder can clear its staging area and say the run wrote nothing
            for (GuardedSink s : r.sinks) {
                try {
                    s.close();
                } catch (IOException | RuntimeException ignored) {
                    // the first failure is the one reported
                }
            }
            throw e;
        }
        return r;
    }

    private static void open(ReportSinks r, Tracer tracer, World w, Set<Formats> formats, ReportFolder folder,
            ReportFolder.Streams streams, CountingStream.Total total) throws IOException {
        for (Formats f : formats) {
            if (f == Formats.HOSTS) {
                GuardedSink g = new GuardedSink(new HostCapturesWriter(folder.createFolder(HostCapturesWriter.FOLDER),
                        hostNames(w), addressNames(w)));
                r.sinks.add(g);
                r.files.add(f.file);
                tracer.add(g);
                continue;
            }
            OutputStream os = new BufferedOutputStream(new CountingStream(folder.create(f.file, streams), total), 1 << 16);
            TraceSink sink = switch (f) {
                case TEXT -> new TextTraceWriter(new OutputStreamWriter(os, StandardCharsets.UTF_8));
                case JSONL -> new JsonlTraceWriter(new OutputStreamWriter(os, StandardCharsets.UTF_8));
                case PCAP -> new PcapTraceWriter(os);
                case PCAPNG -> new PcapngTraceWriter(os, hostNames(w), addressNames(w));
                case HTML -> new HtmlReportWriter(os, Reports.info(w), Reports.tables(w), Reports.quiz(w.scenario()),
                        Reports.docs(folder.dir()));
                case HOSTS -> throw new IllegalStateException("handled above");
            };
            GuardedSink g = new GuardedSink(sink);
            r.sinks.add(g);
            r.files.add(f.file);
            tracer.add(g);
        }
    }

    /** The first write failure of the run so far, or null. */
    IOException failure() {
        for (GuardedSink s : sinks) {
            if (s.failure() != null) {
                return s.failure();
            }
        }
        return null;
    }

    private static List<String> hostNames(World w) {
        List<String> names = new ArrayList<>();
        for (Host h : w.network().hosts()) {
            names.add(h.name());
        }
        return names;
    }

    private static Map<IpAddress, String> addressNames(World w) {
        Map<IpAddress, String> m = new LinkedHashMap<>();
        for (Host h : w.network().hosts()) {
            for (IpAddress a : h.addresses()) {
                m.put(a, h.name());
            }
        }
        return m;
    }
}
