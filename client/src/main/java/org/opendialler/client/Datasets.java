package org.opendialler.client;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Datasets of campaign tables: {@code ecnow.php?method=ecnow_datasets}. */
public final class Datasets {

    /** The states that steer dialling; {@code EXPIRED} is final. */
    public enum Status { HOLD, LIVE, EXPIRED }

    private final ContactNowClient client;

    Datasets(ContactNowClient client) {
        this.client = client;
    }

    /** Creates a dataset in {@code table} (on HOLD, priority 0) and answers its id. */
    public long create(String table, String description) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("table", table);
        row.put("description", description);
        WriteResult result = client.write("ecnow.php", "ecnow_datasets", "create",
                List.of(row), Map.of());
        return result.key();
    }

    public Page read(Map<String, String> filters) {
        return client.read("ecnow.php", "ecnow_datasets", filters);
    }

    public WriteResult setStatus(long dataset, Status status) {
        return update(dataset, Map.of("d_status", status.name()));
    }

    public WriteResult setPriority(long dataset, int priority) {
        return update(dataset, Map.of("d_priority", priority));
    }

    /** Assigns the dataset to an outbound queue of its table. */
    public WriteResult assign(long dataset, long qid) {
        return update(dataset, Map.of("qid", qid));
    }

    public WriteResult update(long dataset, Map<String, ?> changes) {
        Map<String, Object> row = new LinkedHashMap<>(changes);
        row.put("dataset", dataset);
        return client.write("ecnow.php", "ecnow_datasets", "update", List.of(row), Map.of());
    }
}
