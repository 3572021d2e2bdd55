package org.stacklab.trace.format.html;

import java.util.ArrayList;
import java.util.List;

/**
 * The first {@code cap} items of a stream, and how many there were in all: the report keeps
 * examples, not every event, so its memory and size stay bounded however long the run.
 */
final class Capped<T> {
    private final int cap;
    private final List<T> items = new ArrayList<>();
    private long seen;

    Capped(int cap) {
        this.cap = cap;
    }

    /** Counts the item; returns whether it was kept. */
    boolean add(T item) {
        seen++;
        if (items.size() < cap) {
            items.add(item);
            return true;
        }
        return false;
    }

    /** Whether another item would still be kept (so callers can skip building it). */
    boolean hasRoom() {
        return items.size() < cap;
    }

    /** Counts an item that was not built because there was no room. */
    void skip() {
        seen++;
    }

    List<T> items() {
        return items;
    }

    long seen() {
        return seen;
    }

    long leftOut() {
        return seen - items.size();
    }

    /** A sentence about what the table leaves out, or nothing when it shows everything. */
    void leftOutNote(StringBuilder sb, String what) {
        if (leftOut() > 0) {
            sb.append("<p class=\"more\">Showing the first ").append(items.size()).append(" of ").append(seen)
                    .append(' ').append(Html.esc(what)).append("; ").append(leftOut()).append(" left out.</p>\n");
        }
    }
}
