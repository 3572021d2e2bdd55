package org.stacklab.bridge;

import org.stacklab.bridge.libc.Errnos;
import org.stacklab.bridge.libc.Sys;

/**
 * A few descriptors (pipes) held from the start of a real run and closed when the run meets
 * EMFILE: a JVM that has used up its descriptors cannot even load the classes that report it
 * (each class file read needs one). The classes of that path are loaded here, up front, too.
 */
final class Reserve {
    private static final int PIPES = 8;
    private final int[][] pipes = new int[PIPES][];

    Reserve() {
        Errnos.outOfDescriptors(0); // loads the classes the EMFILE path needs while descriptors are left
        Limits.descriptors(Errnos.EMFILE);
        RealRun.End.values();
        for (int i = 0; i < PIPES; i++) {
            pipes[i] = Sys.pipe();
        }
    }

    /** Closes the reserve (once; later calls do nothing). */
    synchronized void release() {
        for (int i = 0; i < PIPES; i++) {
            if (pipes[i] != null) {
                Sys.close(pipes[i][0]);
                Sys.close(pipes[i][1]);
                pipes[i] = null;
            }
        }
    }
}
