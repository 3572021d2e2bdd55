/**
 * report.html: one self-contained page with the static sections (expectations, topology,
 * sequence diagram, tables, totals) and the explorer (event list, stepping, packet inspector,
 * port and socket tables at each instant, quiz). The explorer's script and style are the
 * resource files {@code explorer.js} and {@code explorer.css} beside this package, inlined at
 * write time. May import {@code trace}, {@code trace.format}, {@code sim} and {@code wire} only.
 */
package org.stacklab.trace.format.html;
