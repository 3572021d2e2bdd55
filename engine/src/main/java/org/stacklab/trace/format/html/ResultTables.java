package org.stacklab.trace.format.html;

import org.stacklab.trace.TraceEvent.CallEvent;
import org.stacklab.trace.TraceEvent.ExpectationEvent;
import org.stacklab.trace.TraceEvent.ProcessEvent;

/**
 * What the processes met: every socket call that failed (with its errno, and whether the
 * scenario expected that failure), every process that stopped on an unexpected error, and
 * every expectation with its result.
 */
final class ResultTables {
    static final int MAX = 500;

    private final Capped<CallEvent> errors = new Capped<>(MAX);
    private final Tally byErrno = new Tally();
    private final Capped<ProcessEvent> failures = new Capped<>(MAX);
    private final Capped<ExpectationEvent> expectations = new Capped<>(2 * MAX);
    private long held;
    private long failed;

    void call(CallEvent e) {
        if (e.errno() != null) {
            byErrno.add(e.errno() + (e.expected() ? " (expected)" : " (unexpected)"));
            errors.add(e);
        }
    }

    void process(ProcessEvent e) {
        if ("fail".equals(e.what())) {
            failures.add(e);
        }
    }

    void expectation(ExpectationEvent e) {
        if (e.held()) {
            held++;
        } else {
            failed++;
        }
        expectations.add(e);
    }

    long held() {
        return held;
    }

    long failed() {
        return failed;
    }

    long failedCalls() {
        return errors.seen();
    }

    long processFailures() {
        return failures.seen();
    }

    void renderExpectations(StringBuilder sb) {
        if (expectations.seen() == 0) {
            sb.append("<p class=\"empty\">The scenario states no expectations.</p>\n");
            return;
        }
        sb.append("<p class=\"").append(failed == 0 ? "ok" : "bad").append("\">").append(held).append(" held, ").append(failed)
                .append(" failed.</p>\n");
        Html.tableStart(sb, "events", "result", "expectation", "detail", "#line");
        for (ExpectationEvent e : expectations.items()) {
            sb.append("<tr class=\"").append(e.held() ? "held" : "failed").append("\">");
            sb.append(e.held() ? "<td class=\"ok\">✔ held</td>" : "<td class=\"bad\">✘ FAILED</td>");
            Html.td(sb, null, e.description());
            Html.td(sb, null, e.detail());
            if (e.line() > 0) {
                Html.td(sb, e.line());
            } else {
                sb.append("<td></td>");
            }
            sb.append("</tr>\n");
        }
        Html.tableEnd(sb);
        expectations.leftOutNote(sb, "expectations");
    }

    void renderErrors(StringBuilder sb) {
        if (errors.seen() == 0 && failures.seen() == 0) {
            sb.append("<p class=\"ok\">Every socket call succeeded and no process failed.</p>\n");
            return;
        }
        if (failures.seen() > 0) {
            sb.append("<h3>Processes that stopped on an unexpected error</h3>\n");
            Html.tableStart(sb, "events", "time", "host", "process", "what happened");
            for (ProcessEvent e : failures.items()) {
                sb.append("<tr>");
                Html.td(sb, "mono", Html.time(e.time()));
                Html.td(sb, null, e.host());
                Html.td(sb, null, e.process());
                Html.td(sb, "bad", e.detail());
                sb.append("</tr>\n");
            }
            Html.tableEnd(sb);
            failures.leftOutNote(sb, "failed processes");
        }
        if (errors.seen() > 0) {
            sb.append("<h3>Socket calls that failed</h3>\n<p>A failure the step declared with <code>expect_error</code> is "
                    + "expected: the script goes on. Any other failure stops the process.</p>\n");
            byErrno.table(sb, "errno", "calls");
            Html.tableStart(sb, "events", "time", "host", "process", "call", "errno", "expected?", "#line");
            for (CallEvent e : errors.items()) {
                sb.append("<tr>");
                Html.td(sb, "mono", Html.time(e.time()));
                Html.td(sb, null, e.host());
                Html.td(sb, null, e.process());
                Html.td(sb, "mono", e.args());
                Html.td(sb, e.expected() ? "errno" : "errno bad", e.errno());
                Html.td(sb, e.expected() ? "ok" : "bad", e.expected() ? "expected" : "unexpected");
                if (e.line() > 0) {
                    Html.td(sb, e.line());
                } else {
                    sb.append("<td></td>");
                }
                sb.append("</tr>\n");
            }
            Html.tableEnd(sb);
            errors.leftOutNote(sb, "failed calls");
        }
    }
}
