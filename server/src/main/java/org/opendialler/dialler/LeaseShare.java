package org.opendialler.dialler;

/**
 * The live parts of one customer's call: the agent's call until its outcome is written, a
 * third-party leg, the customer's leg once an agent put it through, the call a queue took over.
 * The record stays leased to the node until the last part ends. Scheduler thread only.
 */
final class LeaseShare {

    private int parts;

    void take() {
        parts++;
    }

    /** Ends one part; answers whether it was the last, so the lease is to be given back. */
    boolean drop() {
        parts--;
        return parts == 0;
    }
}
