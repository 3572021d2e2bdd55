package org.stacklab.cli;

/** Exit statuses of the contract. */
public final class Exit {
    public static final int OK = 0;
    public static final int EXPECTATION_FAILED = 1;
    public static final int BAD_INPUT = 2;
    /** A bug in StackLab itself (EX_SOFTWARE). */
    public static final int INTERNAL = 70;

    private Exit() {}
}
