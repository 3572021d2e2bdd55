/**
 * libc's socket calls through JNA (socket, setsockopt, bind, listen, accept, connect, send,
 * recv, sendto, recvfrom, shutdown, close, getsockname, getpeername, getsockopt, poll, fcntl),
 * errno read as the kernel set it, and errno numbers named as the simulation names them.
 *
 * <p>Imports {@code wire} (addresses) and {@code transport} (the errno names) only, and JNA; the
 * only package of StackLab that calls native code.
 */
package org.stacklab.bridge.libc;
