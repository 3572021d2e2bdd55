/**
 * The command line: {@code run}, {@code check} and the other commands, options (commons-cli),
 * report folders, the summary, exit statuses. With {@code bridge}, the only package that
 * touches the real world (wall clock, standard streams, {@code System.exit}).
 */
package org.stacklab.cli;
