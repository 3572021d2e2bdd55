package org.stacklab.trace.format.html;

/** The report's inline style sheet: system fonts only, nothing fetched. */
final class ReportStyle {
    private ReportStyle() {}

    static final String CSS = String.join("\n",
            ":root{--fg:#1d2330;--muted:#5b6475;--line:#d7dbe3;--tcp:#1f5fbf;--udp:#1a7f37;--icmp:#b35900;"
                    + "--bad:#c62828;--ok:#1a7f37;--mono:ui-monospace,'DejaVu Sans Mono',Menlo,Consolas,monospace;"
                    + "--sans:system-ui,-apple-system,'Segoe UI',Roboto,'Helvetica Neue',Arial,sans-serif}",
            "body{font:14px/1.45 var(--sans);color:var(--fg);margin:0;background:#f4f5f8}",
            "header{background:#1d2330;color:#fff;padding:16px 24px}",
            "header h1{margin:0 0 2px;font-size:22px}",
            "header code{color:#fff}",
            ".meta{color:#c8cfdb;margin:0 0 8px}",
            ".desc{white-space:pre-wrap;max-width:980px;color:#e8ecf3;margin:8px 0}",
            ".verdict{margin:10px 0 0}",
            ".badge{display:inline-block;padding:2px 10px;border-radius:10px;font-weight:600;margin-right:8px}",
            ".badge.pass{background:#d7f2dd;color:#0f5a24}.badge.fail{background:#fbd5d5;color:#8e1616}",
            ".badge.none{background:#e2e5eb;color:#3b4252}",
            ".figures{color:#c8cfdb}",
            "main{max-width:1500px;margin:0 auto;padding:0 20px 30px}",
            "nav{position:sticky;top:0;z-index:1;background:#f4f5f8;padding:8px 0;border-bottom:1px solid var(--line)}",
            "nav a{margin-right:14px;color:#1f5fbf;text-decoration:none;font-weight:600}",
            "section{scroll-margin-top:44px;background:#fff;border:1px solid var(--line);border-radius:6px;padding:10px 16px 14px;margin:14px 0}",
            "h2{font-size:18px;margin:4px 0 8px}h3{font-size:15px;margin:14px 0 6px}",
            "table{border-collapse:collapse;font-size:12.5px;margin:6px 0 8px}",
            "th,td{border-bottom:1px solid var(--line);padding:3px 8px;text-align:left;vertical-align:top}",
            "th{background:#eef1f5;font-weight:600}",
            "td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}",
            ".mono,code{font-family:var(--mono);font-size:12px}",
            "table.events td:last-child{max-width:640px}",
            "table.ss td.host{font-weight:600}tr.hostfirst td{border-top:2px solid #c5cbd6}",
            "td.state,.state{font-family:var(--mono);font-size:12px}",
            ".state.listen{color:#1a7f37;font-weight:600}.state.established,.state.estab{color:#1f5fbf;font-weight:600}",
            ".state.unconn{color:#5b6475}.state.time-wait,.state.close-wait{color:#b35900}",
            "td.rule{font-family:var(--mono);font-size:12px;white-space:nowrap}",
            "ul.cands{margin:2px 0 0;padding-left:18px;color:var(--muted)}",
            ".ok{color:var(--ok)}.bad{color:var(--bad);font-weight:600}",
            "tr.failed td{background:#fff1f1}",
            ".more{color:var(--muted);font-style:italic}.empty{color:var(--muted)}",
            "details{margin:6px 0}summary{cursor:pointer;font-weight:600}",
            ".scroll{overflow-x:auto;max-width:100%}",
            "ul.notes{margin:4px 0;padding-left:18px}",
            ".legend .k{display:inline-block;margin-right:16px;font-size:12.5px}",
            ".legend .k::before{content:'';display:inline-block;width:22px;height:0;border-top:2px solid;"
                    + "vertical-align:middle;margin-right:5px}",
            ".legend .tcp{color:var(--tcp)}.legend .udp{color:var(--udp)}.legend .icmp{color:var(--icmp)}",
            ".legend .drop{color:var(--bad)}.legend .drop::before{display:none}",
            ".legend .rtx::before{border-top-style:dashed}",
            ".legend .tagstate::before,.legend .tagerror::before,.legend .tagexpected::before,.legend .note::before{height:10px;width:16px;"
                    + "border:1px solid;border-radius:6px}",
            ".legend .tagstate::before{background:#e6eefc;color:var(--tcp)}",
            ".legend .tagerror::before{background:#fde7e7;color:var(--bad)}",
            ".legend .tagexpected::before{background:#f1f2f5;color:#8d97a8}",
            ".legend .note::before{background:#fff8d6;color:#c9a92c;border-radius:2px}",
            ".legend .topohost::before,.legend .toporouter::before,.legend .topogroup::before{height:10px;width:16px;"
                    + "border:1px solid;border-radius:3px}",
            ".legend .topohost::before{background:#eef4ff;color:#4a6fa5}",
            ".legend .toporouter::before{background:#fff4e0;color:#d69a3a}",
            ".legend .topogroup::before{background:#eef8ee;color:#4a8a4a}",
            "footer{text-align:center;color:var(--muted);font-size:12px;padding:10px 0 24px}",
            // sequence diagram
            ".seqviews label{margin:0 .8em 0 .2em}.seqviews .seq-socket{display:none}",
            "#seqview-socket:checked~.seq-host{display:none}#seqview-socket:checked~.seq-socket{display:block}",
            "svg text{font-family:var(--sans)}",
            ".seq .life{stroke:#a3abb9;stroke-dasharray:4 4}.seq .life.others{stroke-dasharray:1 3}",
            ".seq .head rect{fill:#eef1f5;stroke:#8d97a8}.seq .head.router rect{fill:#fff4e0;stroke:#d69a3a}",
            ".seq .head .name{font-weight:700;font-size:12.5px;text-anchor:middle}",
            ".seq .head .addr{font-family:var(--mono);font-size:10.5px;fill:var(--muted);text-anchor:middle}",
            ".seq .t{font-family:var(--mono);font-size:10.5px;fill:var(--muted)}",
            ".seq .again{font-size:10px;fill:#8d97a8;text-anchor:middle;paint-order:stroke;stroke:#fff;stroke-width:3px}",
            ".seq .lbl{font-family:var(--mono);font-size:11px;paint-order:stroke;stroke:#fff;stroke-width:4px;"
                    + "stroke-linejoin:round}",
            ".seq .lbl .dim{fill:#6b7385;font-size:10px}.seq .lbl .rtx{fill:var(--bad)}",
            ".seq .line{stroke-width:1.6;fill:none}",
            ".seq .tcp .line{stroke:var(--tcp)}.seq .tcp .lbl{fill:var(--tcp)}",
            ".seq .udp .line{stroke:var(--udp)}.seq .udp .lbl{fill:var(--udp)}",
            ".seq .icmp .line{stroke:var(--icmp)}.seq .icmp .lbl{fill:var(--icmp)}",
            ".seq .rtx .line{stroke-dasharray:6 3}",
            "#sq-tcp path{fill:var(--tcp)}#sq-udp path{fill:var(--udp)}#sq-icmp path{fill:var(--icmp)}"
                    + "#sq-flight path{fill:#8d97a8}",
            ".seq .cross{stroke:var(--bad);stroke-width:2.4;fill:none}",
            ".seq .why{font-size:10.5px;paint-order:stroke;stroke:#fff;stroke-width:3px}",
            ".seq .why.drop{fill:var(--bad);font-weight:600}.seq .why.flight{fill:var(--muted)}",
            ".seq .note rect{fill:#fff8d6;stroke:#e0c860}.seq .note text{font-size:11.5px}",
            ".seq .tag rect{stroke-width:1}.seq .tag text{font-family:var(--mono);font-size:10px;text-anchor:middle}",
            ".seq .tag.state rect{fill:#e6eefc;stroke:var(--tcp)}",
            ".seq .tag.error rect,.seq .tag.failure rect{fill:#fde7e7;stroke:var(--bad)}",
            ".seq .tag.expected rect{fill:#f1f2f5;stroke:#8d97a8}",
            // topology
            ".topo .link line,.topo .link path{stroke:#7a8496;stroke-width:1.6;fill:none}",
            ".topo .link line.many{stroke-width:5;stroke:#9aa3b2}",
            ".topo .linklabel{font-size:11px;fill:#3b4252;text-anchor:middle;paint-order:stroke;stroke:#fff;stroke-width:4px}",
            ".topo .box rect{fill:#eef4ff;stroke:#4a6fa5}.topo .box.router rect{fill:#fff4e0;stroke:#d69a3a}",
            ".topo .box.group rect{fill:#eef8ee;stroke:#4a8a4a}",
            ".topo .name{font-weight:700;font-size:12px;text-anchor:middle}",
            ".topo .addr{font-family:var(--mono);font-size:11px;fill:#3b4252;text-anchor:middle}",
            // cwnd chart
            ".chart .grid{stroke:#e3e6ec}.chart .tick{font-family:var(--mono);font-size:10px;fill:var(--muted)}",
            ".chart polyline{fill:none;stroke-width:1.6}.chart .legend{font-size:11px}",
            ".chart .s0{stroke:#1f5fbf;fill:#1f5fbf}.chart .s1{stroke:#c62828;fill:#c62828}"
                    + ".chart .s2{stroke:#1a7f37;fill:#1a7f37}.chart .s3{stroke:#b35900;fill:#b35900}"
                    + ".chart .s4{stroke:#7b3fb5;fill:#7b3fb5}.chart .s5{stroke:#0f7c8c;fill:#0f7c8c}",
            ".chart polyline.s0,.chart polyline.s1,.chart polyline.s2,.chart polyline.s3,.chart polyline.s4,"
                    + ".chart polyline.s5{fill:none}",
            ".chart text.legend{stroke:none}",
            "") + "\n";
}
