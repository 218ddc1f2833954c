package org.opendialler.dialler;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

/** One logged-in agent as the dialler sees it: state, queues, and the call it holds. */
final class AgentSeat {

    final long agentId;
    final Set<Long> queues;
    AgentState state = AgentState.LOGGED_OUT;
    Instant since;
    /** A call placed for this agent only (preview, agent-specific callback). */
    ActiveCall reservedFor;
    /** The call on the agent's line, then in wrap until the outcome is set. */
    ActiveCall call;
    ClaimedRecord preview;
    long previewQueue;

    AgentSeat(long agentId, Set<Long> queues, Instant now) {
        this.agentId = agentId;
        this.queues = Set.copyOf(queues);
        this.since = now;
    }

    /** Whether the dialler may give this agent a call of {@code qid} that is for anyone. */
    boolean isFreeFor(long qid) {
        return state == AgentState.WAIT && reservedFor == null && queues.contains(qid);
    }

    void require(Set<AgentState> allowed, String action) {
        if (!allowed.contains(state)) {
            throw new IllegalAgentStateException(agentId, allowed, state, action);
        }
    }

    AgentStateChange moveTo(AgentState next, Instant at, String reason, ActiveCall about,
            boolean partOfOutcome) {
        if (!state.canMoveTo(next)) {
            Set<AgentState> from = EnumSet.noneOf(AgentState.class);
            for (AgentState s : AgentState.values()) {
                if (s.canMoveTo(next)) {
                    from.add(s);
                }
            }
            throw new IllegalAgentStateException(agentId, from, state, "move to " + next);
        }
        AgentStateChange change = new AgentStateChange(agentId, state, next, at, reason,
                about == null ? null : about.queue.qid(),
                about == null ? null : about.callId, partOfOutcome,
                next == AgentState.CALL ? LineState.TALK : null);
        state = next;
        since = at;
        return change;
    }

    /** The line of the agent's call moves to {@code next}; the agent stays in {@code call}. */
    AgentStateChange lineTo(LineState next, Instant at) {
        require(EnumSet.of(AgentState.CALL), "change its line");
        call.line = next;
        since = at;
        return new AgentStateChange(agentId, AgentState.CALL, AgentState.CALL, at,
                next.wireName(), call.queue.qid(), call.callId, false, next);
    }
}
