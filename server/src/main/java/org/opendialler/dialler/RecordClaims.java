package org.opendialler.dialler;

import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Where the dialler gets records to call. The integration implements it in SQL: the dialable
 * records of the queue in {@link ClaimOrder}, locked with {@code FOR UPDATE SKIP LOCKED} and
 * marked with a lease, so that two dialler nodes never claim one record.
 */
public interface RecordClaims {

    /**
     * Claims up to {@code max} dialable records of {@code queue}, in claim order.
     *
     * @param agents the agents free to take these calls; an agent-specific record is claimed
     *     only for one of them, and at most one per agent
     * @param agentGuaranteed whether every call will have an agent (preview, progressive);
     *     when false a predictive queue at its abandon cap claims nothing. The 72-hour abandon
     *     and 24-hour machine rules hold whatever this says, unless the queue dials in preview
     *     mode
     */
    List<ClaimedRecord> claim(QueueSettings queue, int max, Set<Long> agents,
            boolean agentGuaranteed);

    /** Gives a record back undialled: its claim ends and nothing else changes. */
    void release(ClaimedRecord record);

    /** Gives records back undialled, as {@link #release} does each of them. */
    default void releaseAll(Collection<ClaimedRecord> records) {
        records.forEach(this::release);
    }

    /** Extends the lease of records whose calls are still going on. */
    void renew(Collection<ClaimedRecord> records);
}
