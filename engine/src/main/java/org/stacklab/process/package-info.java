/**
 * Virtual processes: scripts of Berkeley socket calls and built-in apps, run through the
 * {@link org.stacklab.process.SocketApi} that the simulated stack (and the bridge) implement.
 *
 * <p>Steps and calls are dispatched through {@link org.stacklab.process.Step.Visitor} (its
 * methods declared in {@code StepVisitor}) and {@link org.stacklab.process.Call.Visitor}, never by {@code instanceof}. Adding a socket call is a
 * compiler-guided edit: its records in {@code Step} and {@code Call} (with their visitor methods), then
 * every class the compiler names: {@code CallText} (its trace text), {@code ScriptNames} (step to call),
 * {@code TcpCalls} and {@code UdpCalls} (its meaning in the simulation), the bridge's {@code SocketCalls}
 * (its meaning on real sockets, through libc). Only the scenario reader ({@code StepReader},
 * {@code StepCalls}) finds it by name. Code that cares about a few kinds extends
 * {@code StepPartial} or {@code Call.Partial}.
 *
 * <p>May import {@code sim}, {@code wire}, {@code trace}, {@code net} and {@code transport}.
 */
package org.stacklab.process;
