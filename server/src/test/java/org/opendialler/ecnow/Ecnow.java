package org.opendialler.ecnow;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.opendialler.testing.Api;

/** Test steps over ecnow.php, sent the way the vendor's PHP wrapper sends them. */
final class Ecnow {

    private final Api api;

    Ecnow(Api api) {
        this.api = api;
    }

    JsonNode write(String method, String action, String rowsJson) {
        return api.write("ecnow.php", method, action, rowsJson);
    }

    String table(String name) {
        JsonNode answer = write("campaign_tables", "create", "[{\"name\":\"" + name + "\"}]");
        assertTrue(answer.get("total").asInt() == 1, answer.toString());
        return name;
    }

    long dataset(String table, String status) {
        JsonNode answer = write("ecnow_datasets", "create",
                "[{\"table\":\"" + table + "\",\"d_status\":\"" + status + "\"}]");
        assertTrue(answer.get("total").asInt() == 1, answer.toString());
        return answer.get("key").asLong();
    }

    /** An outbound queue of {@code table}, made through database.php; answers its qid. */
    long queue(String table) {
        JsonNode answer = api.write("database.php", "queues", "create",
                "[{\"type\":\"outbound\",\"table\":\"" + table + "\"}]");
        assertTrue(answer.get("total").asInt() == 1, answer.toString());
        return answer.get("key").asLong();
    }

    /** An agent of the centre, made through database.php; answers its id. */
    long agent(String login) {
        JsonNode answer = api.write("database.php", "agents", "create",
                "[{\"login\":\"" + login + "\",\"firstname\":\"Ann\",\"password\":"
                        + "\"agent-pass-1\"}]");
        assertTrue(answer.get("total").asInt() == 1, answer.toString());
        return answer.get("key").asLong();
    }

    long record(long dataset, String moreJson) {
        JsonNode answer = write("ecnow_records", "create", "[{\"dataset\":" + dataset
                + (moreJson.isEmpty() ? "" : "," + moreJson) + "}]");
        assertTrue(answer.get("total").asInt() == 1, answer.toString());
        return answer.get("key").asLong();
    }

    JsonNode read(String method, Object... filters) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < filters.length; i += 2) {
            map.put((String) filters[i], String.valueOf(filters[i + 1]));
        }
        return api.read("ecnow.php", method, map);
    }

    JsonNode records(Object... filters) {
        return read("ecnow_records", filters);
    }
}
