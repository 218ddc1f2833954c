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
}
