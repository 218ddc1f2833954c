package org.opendialler.ecnow;

import java.util.Optional;

/**
 * What ecnow.php asks of the centre's configuration (outcome codes, agents, queues), which
 * {@code database.php} owns. One seam, so that the real tables replace the interim rules in one
 * place.
 */
public interface Lookups {

    /** Whether the outcome is complete; empty when the centre has no such outcome. */
    Optional<Boolean> outcomeComplete(long ccid, long outcome);

    /** Whether the centre has this agent. */
    boolean agentExists(long ccid, long agentId);

    /** Whether {@code qid} is an outbound queue of the campaign table {@code tableName}. */
    boolean isOutboundQueueOf(long ccid, long qid, String tableName);
}
