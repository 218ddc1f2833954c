package org.opendialler.ecnow;

import java.time.Instant;
import java.util.List;

/**
 * Why a record is or is not dialable now, for {@code ecnow_records} reads with
 * {@code explain=1}. The server wires the compliance guard in; ecnow only passes the record.
 */
public interface DialExplainer {

    /**
     * A record as it is stored.
     *
     * @param qid the queue its dataset is assigned to, 0 when none
     * @param phones its usable numbers in E.164, home, work, mobile
     * @param zone the time zone its {@link ZoneField} names, or null
     * @param sametime its {@code Call_Back_Sametime} is 1
     */
    record Subject(long ccid, long recordId, long qid, String processType, List<String> phones,
            String postcode, int attempts, Instant lastAttempt, Instant callback, String zone,
            boolean sametime) {
    }

    /**
     * @param reason the wire name of the reason, empty when dialable
     * @param nextDial from when it may be tried again, or null (dialable, never, not known)
     */
    record Explanation(boolean dialable, String reason, Instant nextDial) {
    }

    Explanation explain(Subject subject, Instant now);
}
