package org.opendialler.ecnow;

import java.util.Map;
import java.util.Optional;

/**
 * The interim {@link Lookups}, used until database.php's outcome, agent and queue tables exist:
 * the system outcome codes 100 to 112 of database.md, any positive agent id, and any queue id
 * that is a whole number.
 */
public final class OutcomeRules implements Lookups {

    /** System outcome codes and whether each is complete. */
    static final Map<Long, Boolean> SYSTEM_CODES = Map.ofEntries(
            Map.entry(100L, false), Map.entry(101L, false), Map.entry(102L, false),
            Map.entry(103L, false), Map.entry(104L, false), Map.entry(105L, true),
            Map.entry(106L, false), Map.entry(107L, true), Map.entry(108L, false),
            Map.entry(109L, false), Map.entry(110L, true), Map.entry(111L, true),
            Map.entry(112L, true));

    @Override
    public Optional<Boolean> outcomeComplete(long ccid, long outcome) {
        return Optional.ofNullable(SYSTEM_CODES.get(outcome));
    }

    @Override
    public boolean agentExists(long ccid, long agentId) {
        return agentId > 0;
    }

    @Override
    public boolean isOutboundQueueOf(long ccid, long qid, String tableName) {
        return qid >= 0;
    }
}
