/**
 * {@code stacklab sweep}: a scenario run over every combination of parameter values and seeds,
 * one simulation per thread, with one CSV row per run and an SVG plot (docs/sweep.md). It uses
 * the scenario loader and runner as {@code run} does and touches the real world only to write its
 * two files (aside, then renamed into place).
 */
package org.stacklab.cli.sweep;
