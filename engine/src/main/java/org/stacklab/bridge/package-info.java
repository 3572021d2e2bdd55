/**
 * The bridge: runs a scenario's processes on real sockets over loopback, each simulated host on
 * its own 127.0.0.x address, and compares what is observable with the simulation (each step's
 * outcome, the bytes each process received, whom it accepted connections from). Nothing ever
 * leaves 127.0.0.0/8: an address of no host is refused before any socket is opened, and every
 * call that sends checks its destination again.
 *
 * <p>Imports {@code process}, {@code transport}, {@code wire}, {@code trace}, {@code sim},
 * {@code net} (drop counts) and {@code scenario} (to load, assemble and run the simulated side),
 * and its sub-packages {@code libc} (the JNA binding of libc's socket calls, the only code that calls
 * native code) and {@code netns} (a network namespace per host for {@code --namespaces}); never {@code cli}. With {@code cli} it is the only
 * package that touches the real world (real sockets, the wall clock, threads).
 */
package org.stacklab.bridge;
