/**
 * Typed trace events and the sink interface; formats live in {@code trace.format}.
 *
 * <p>May import {@code sim} and {@code wire}, nothing above them.
 */
package org.stacklab.trace;
