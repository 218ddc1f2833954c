package org.opendialler.dialler;

import org.opendialler.ecnow.ProcessTypes;

/** The ProcessType a record takes when a call's outcome is written (dialler.md). */
final class RecordStates {

    private RecordStates() {
    }

    /**
     * @param current the record's ProcessType now
     * @param datasetStatus its dataset's status now ({@code LIVE}, {@code HOLD}, ...)
     * @param complete whether the outcome is complete
     * @param byAgent whether an agent set it; a dialler outcome never reopens a record the API
     *     completed or expired during the call
     */
    static String after(String current, String datasetStatus, boolean complete,
            boolean byAgent) {
        if (complete) {
            return ProcessTypes.COMPLETE;
        }
        if (ProcessTypes.EXPIRED.equals(current) || "EXPIRED".equals(datasetStatus)) {
            return ProcessTypes.EXPIRED;
        }
        if (ProcessTypes.COMPLETE.equals(current) && !byAgent) {
            return current;
        }
        return "HOLD".equals(datasetStatus) ? ProcessTypes.HOLD_WORKED : ProcessTypes.WORKED;
    }

    /**
     * Whether a call's result spends the record's last attempt: the outcome leaves it open
     * ({@code processType} is what {@link #after} gave) and its attempts, this call counted,
     * reach the queue's {@code max_attempts}. Such a record gets outcome 110 and
     * {@code COMPLETE} instead (compliance.md).
     */
    static boolean attemptsSpent(String processType, int attemptsAfter, Integer maxAttempts) {
        boolean open = ProcessTypes.WORKED.equals(processType)
                || ProcessTypes.HOLD_WORKED.equals(processType);
        return open && maxAttempts != null && attemptsAfter >= maxAttempts;
    }
}
