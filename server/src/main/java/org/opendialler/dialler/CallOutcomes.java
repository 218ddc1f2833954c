package org.opendialler.dialler;

/**
 * Where finished calls go. The integration implements {@link #record} as ONE database
 * transaction: the record's outcome and ProcessType, its claim ended, the CDR, and the agent's
 * state change, all or nothing.
 */
@FunctionalInterface
public interface CallOutcomes {

    void record(CallResult result);
}
