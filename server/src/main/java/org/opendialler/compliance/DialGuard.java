package org.opendialler.compliance;

import java.time.Instant;
import java.util.Optional;

/**
 * Decides whether a record may be dialled now for a queue. Implementations are thread-safe and
 * read the centre's DNC list, the queue's calling window and attempt rules, the number's own time
 * zone, and the number's recent history (abandons, machines).
 */
public interface DialGuard {

    /**
     * @param qid the outbound queue that would dial; the repeat rules after abandons and
     *     machines are lifted only when it dials in preview mode
     * @param agentGuaranteed whether an agent is certain to take the call (preview and
     *     progressive), which lifts the abandon cap
     */
    Verdict judge(Candidate candidate, long qid, boolean agentGuaranteed, Instant now);

    /**
     * Why {@code number} (E.164), which is no record's, may not be called for queue {@code qid}
     * now, or empty when it may: a third party an agent transfers a customer to.
     */
    default Optional<Reason> refuseThirdParty(long ccid, long qid, String number, Instant now) {
        return Optional.empty();
    }

    /** The guard that lets everything through: for a centre that chose to switch it off. */
    DialGuard OFF = (candidate, qid, agentGuaranteed, now) -> candidate.phones().isEmpty()
            ? Verdict.refuse(Reason.DNC, null) : Verdict.dial(candidate.phones().get(0));
}
