package org.opendialler.dialler;

/** Hears every agent state change, on the scheduler's thread, after it happened. */
@FunctionalInterface
public interface AgentListener {

    void onAgentState(AgentStateChange change);
}
