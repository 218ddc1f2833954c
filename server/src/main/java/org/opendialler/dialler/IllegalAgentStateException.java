package org.opendialler.dialler;

import java.util.Set;

/** An agent was asked to do what its state does not allow; says what was expected. */
public final class IllegalAgentStateException extends IllegalStateException {

    private final long agentId;
    private final Set<AgentState> expected;
    private final AgentState actual;

    public IllegalAgentStateException(long agentId, Set<AgentState> expected, AgentState actual,
            String action) {
        super("Agent " + agentId + " cannot " + action + ": expected state " + expected
                + " but was " + actual);
        this.agentId = agentId;
        this.expected = Set.copyOf(expected);
        this.actual = actual;
    }

    public long agentId() {
        return agentId;
    }

    public Set<AgentState> expected() {
        return expected;
    }

    public AgentState actual() {
        return actual;
    }
}
