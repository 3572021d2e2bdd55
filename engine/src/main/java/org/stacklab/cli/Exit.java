package org.stacklab.cli;

/** Exit statuses of the contract. */
final class Exit {
    static final int OK = 0;
    static final int EXPECTATION_FAILED = 1;
    static final int BAD_INPUT = 2;
    /** A bug in StackLab itself (EX_SOFTWARE). */
    static final int INTERNAL = 70;

    private Exit() {}
}
