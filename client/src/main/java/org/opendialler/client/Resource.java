package org.opendialler.client;

import java.util.List;
import java.util.Map;

/**
 * One method of a script whose rows are plain key-value maps: the configuration methods of
 * {@code database.php} and the table methods of {@code ecnow.php}.
 */
public final class Resource {

    private final ContactNowClient client;
    private final String script;
    private final String method;

    Resource(ContactNowClient client, String script, String method) {
        this.client = client;
        this.script = script;
        this.method = method;
    }

    public Page read(Map<String, String> filters) {
        return client.read(script, method, filters);
    }

    public Page read() {
        return read(Map.of());
    }

    public WriteResult create(List<? extends Map<String, ?>> rows) {
        return client.write(script, method, "create", rows, Map.of());
    }

    public WriteResult update(List<? extends Map<String, ?>> rows) {
        return client.write(script, method, "update", rows, Map.of());
    }

    public WriteResult delete(List<? extends Map<String, ?>> rows) {
        return client.write(script, method, "delete", rows, Map.of());
    }
}
