package org.opendialler.client;

import java.util.Map;

/** {@code ajax.php}: live statistics of agents, queues, calls in progress, and a summary. */
public final class Live {

    private final ContactNowClient client;

    Live(ContactNowClient client) {
        this.client = client;
    }

    public Page agents(Map<String, String> filters) {
        return client.read("ajax.php", "agents", filters);
    }

    public Page queues(Map<String, String> filters) {
        return client.read("ajax.php", "queues", filters);
    }

    public Page calls(Map<String, String> filters) {
        return client.read("ajax.php", "calls", filters);
    }

    public Page summary() {
        return client.read("ajax.php", "summary", Map.of());
    }
}
