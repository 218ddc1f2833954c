package org.opendialler.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code agent.php}: what an agent desktop does on behalf of one agent. */
public final class AgentActions {

    private final ContactNowClient client;

    AgentActions(ContactNowClient client) {
        this.client = client;
    }

    /**
     * Any action of {@code agent.php} ({@code agent_dial}, {@code ready}, {@code pause},
     * {@code hangup}, {@code disposition}, {@code next}, ...) for {@code agent}, with its own
     * parameters; answers the envelope.
     */
    public JsonNode act(String action, long agent, Map<String, String> params) {
        Map<String, String> all = new LinkedHashMap<>(params);
        all.put("agent", String.valueOf(agent));
        return client.call("agent.php", null, action, all);
    }

    public JsonNode state(long agent) {
        return act("state", agent, Map.of());
    }

    /** Sets the outcome of the agent's current or last call. */
    public JsonNode disposition(long agent, long outcome, Map<String, String> more) {
        Map<String, String> params = new LinkedHashMap<>(more);
        params.put("outcome", String.valueOf(outcome));
        return act("disposition", agent, params);
    }
}
