/**
 * Virtual processes: scripts of Berkeley socket calls and built-in apps, run through the
 * {@link org.stacklab.process.SocketApi} that the simulated stack (and the bridge) implement.
 *
 * <p>May import {@code sim}, {@code wire}, {@code trace}, {@code net} and {@code transport}.
 */
package org.stacklab.process;
