/**
 * The command line: {@code run}, {@code check} and the other commands, options (commons-cli),
 * report folders, the summary, exit statuses. With {@code bridge}, the only package that
 * touches the real world (wall clock, standard streams, {@code System.exit}).
 *
 * <p>May import every package; {@code stacklab sweep} lives in {@code cli.sweep} and
 * {@code stacklab bench} in {@code cli.bench}. The rules of every package are in
 * docs/architecture.md.
 */
package org.stacklab.cli;
