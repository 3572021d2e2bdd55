package org.stacklab.trace.format.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.stacklab.trace.TraceEvent.NoteEvent;
import org.stacklab.trace.TraceEvent.SocketRow;

/** The explorer's data: table changes per event, and a long run cut to its first and last events. */
class ExplorerDataTest {
    private static SocketRow row(int id, String state) {
        return new SocketRow(id, "tcp", state, "10.0.0.1:" + (1000 + id), "*:*", "p", 0, 0);
    }

    @Test
    void aLongRunKeepsItsFirstAndLastEventsAndTheTablesAtTheCut() {
        List<SocketRow> table = new ArrayList<>();
        ExplorerData data = new ExplorerData(ReportInfo.named("t"), host -> List.copyOf(table), null, 3, 2);
        for (int i = 0; i < 10; i++) {
            if (i == 1 || i == 4) {
                table.add(row(i, "LISTEN")); // sockets 1 and 4 appear at events 1 and 4
            }
            if (i == 6) {
                table.set(1, row(4, "ESTABLISHED")); // socket 4 changes at event 6, a left-out event
            }
            data.event(new NoteEvent(i, "h", null, "event " + i), "event " + i, null, -1, null);
        }
        StringBuilder sb = new StringBuilder();
        data.render(sb);
        String page = sb.toString();
        assertTrue(page.contains("\"docs\":null,\"seen\":10,\"head\":3,"), page);
        for (int i : new int[] {0, 1, 2, 8, 9}) {
            assertTrue(page.contains("\"event " + i + "\""), "event " + i + " kept");
        }
        for (int i = 3; i < 8; i++) {
            assertFalse(page.contains("\"event " + i + "\""), "event " + i + " left out");
        }
        // events 8 and 9 are kept: the tables just before event 8 hold socket 1 (from a kept event) and 4 as it became
        assertTrue(page.contains("\"tailBase\":[[0,[[1,\"tcp\",\"LISTEN\",\"10.0.0.1:1001\",\"*:*\",\"p\",0,0],"
                + "[4,\"tcp\",\"ESTABLISHED\",\"10.0.0.1:1004\",\"*:*\",\"p\",0,0]]]]"), page);
        // event 1 carries its change: socket 1 added, none gone
        assertTrue(page.contains("[1,0,\"note\",\"event 1\",null,-1,null,0,[[[1,\"tcp\",\"LISTEN\",\"10.0.0.1:1001\",\"*:*\",\"p\",0,0]],[]]]"), page);
    }

    @Test
    void nothingInTheDataCanCloseItsScriptElement() {
        ExplorerData data = new ExplorerData(ReportInfo.named("t"), null, null, null);
        data.event(new NoteEvent(0, "h", null, "x"), "</script><script>alert(1)</script> & \u2028", null, -1, null);
        StringBuilder sb = new StringBuilder();
        data.render(sb);
        String page = sb.toString();
        assertEquals(1, page.split("</script>", -1).length - 1, "only the element's own end");
        assertTrue(page.contains("\\u003c/script\\u003e\\u003cscript\\u003ealert(1)\\u003c/script\\u003e \\u0026 \\u2028"), page);
    }
}
