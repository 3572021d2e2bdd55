/**
 * Scenario files: the YAML model with positions, loading and validation (every mistake as
 * {@code FILE:LINE:COLUMN: message}), assembly into a runnable network, running, and checking
 * expectations.
 *
 * <p>May import every engine package and Jackson; never {@code bridge} or {@code cli}.
 */
package org.stacklab.scenario;
