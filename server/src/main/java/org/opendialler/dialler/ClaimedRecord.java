package org.opendialler.dialler;

import java.util.Objects;

/**
 * A record claimed for one call: nobody else dials it until its outcome is recorded or it is
 * released.
 *
 * @param recordId the record's id (its URN)
 * @param table its campaign table
 * @param datasetId its dataset
 * @param number the number to call, E.164
 * @param agentSpecific the only agent who may take the call, or null
 * @param callback whether the claim is a due callback
 */
public record ClaimedRecord(long recordId, String table, long datasetId, String number,
        Long agentSpecific, boolean callback) {

    public ClaimedRecord {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(number, "number");
    }
}
