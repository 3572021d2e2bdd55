/**
 * Simulated time, the event loop ({@code Simulator}), the queue of pending events it reads
 * ({@code EventQueue}, a radix heap the loop never looks inside) and the run's seeded random source.
 *
 * <p>Imports nothing from the rest of the engine: every other package builds on it.
 */
package org.stacklab.sim;
