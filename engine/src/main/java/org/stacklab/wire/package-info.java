/**
 * Values on the wire: addresses, endpoints, packets, and their encoding to real header bytes.
 *
 * <p>Imports nothing from the rest of the engine.
 */
package org.stacklab.wire;
