/**
 * The differential fuzzer behind {@code stacklab fuzz}: {@link Generator} draws random sequences
 * of socket calls (options, several processes on two hosts) from a seed, {@link Fuzzer} runs each
 * in the simulation and on the real kernel through the bridge's {@code Differential} harness, and
 * {@link Shrinker} drops processes and steps from any sequence that differs while it still differs.
 * No jqwik at run time: the generator and the shrinker are small and seeded, so one seed always
 * draws the same sequences.
 */
package org.stacklab.bridge.fuzz;
