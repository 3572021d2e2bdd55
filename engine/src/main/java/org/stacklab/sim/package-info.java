/**
 * Simulated time, the event loop and the run's seeded random source.
 *
 * <p>Imports nothing from the rest of the engine: every other package builds on it.
 */
package org.stacklab.sim;
