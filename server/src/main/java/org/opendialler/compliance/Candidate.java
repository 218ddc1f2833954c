package org.opendialler.compliance;

import java.time.Instant;
import java.util.List;

/**
 * A record as the guard judges it.
 *
 * @param ccid its contact centre
 * @param recordId its id
 * @param processType its ProcessType ({@code New Prospect}, {@code HOLD: NEEDSMOREWORK}, ...)
 * @param phones its usable numbers in E.164, in the order home, work, mobile (absent ones left
 *     out)
 * @param postcode its postcode, which may place an ambiguous number
 * @param attempts how many calls the dialler has made to it
 * @param lastAttempt when the last of them started, or null
 * @param callback when its callback is due, or null; a callback set by an agent or through the
 *     API is kept even when it is sooner than the retry interval
 * @param zone a time zone id the record names for its numbers, or null; used only when the
 *     number itself does not settle its zone
 * @param sametime its {@code Call_Back_Sametime}: a callback that falls due outside the calling
 *     window is due at the same local time on the next day that allows it
 */
public record Candidate(long ccid, long recordId, String processType, List<String> phones,
        String postcode, int attempts, Instant lastAttempt, Instant callback, String zone,
        boolean sametime) {

    /** A record without {@code Call_Back_Sametime}. */
    public Candidate(long ccid, long recordId, String processType, List<String> phones,
            String postcode, int attempts, Instant lastAttempt, Instant callback, String zone) {
        this(ccid, recordId, processType, phones, postcode, attempts, lastAttempt, callback,
                zone, false);
    }

    /** A record that names no time zone of its own. */
    public Candidate(long ccid, long recordId, String processType, List<String> phones,
            String postcode, int attempts, Instant lastAttempt, Instant callback) {
        this(ccid, recordId, processType, phones, postcode, attempts, lastAttempt, callback,
                null);
    }
}
