package org.opendialler.dialler;

import java.time.Instant;

/**
 * One change of an agent's state: a {@code status_log} row closes the old state and opens the
 * new one at {@code at}.
 *
 * @param agentId the agent
 * @param from the state left
 * @param to the state entered
 * @param at when
 * @param reason a pause reason, or why the change happened; may be null
 * @param qid the queue of the call involved, or null
 * @param callId the call involved, or null
 * @param partOfOutcome whether the change is also in a {@link CallResult}, so that the
 *     outcome's transaction writes it and a listener must not write it again
 * @param line the line state entered during a call ({@code to} is {@code CALL}), else null; a
 *     change from {@code CALL} to {@code CALL} is a change of line alone (a park, a consult)
 */
public record AgentStateChange(long agentId, AgentState from, AgentState to, Instant at,
        String reason, Long qid, Long callId, boolean partOfOutcome, LineState line) {

    /** Whether only the line changed: the agent stays on its call. */
    public boolean lineOnly() {
        return from == AgentState.CALL && to == AgentState.CALL;
    }
}
