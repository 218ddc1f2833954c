package org.opendialler.compliance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.opendialler.reporting.Cdr;
import org.opendialler.reporting.CdrStore;
import org.opendialler.testing.Api;
import org.opendialler.testing.TestServer;

/**
 * A test centre set up over the API as a client would: a campaign table, a live outbound queue
 * with a caller id, a LIVE dataset assigned to it, and records. What only the dialler writes
 * (attempts, the queue's raw caller id) is set in SQL, as the dialler would.
 */
final class Centre {

    final TestServer server;
    final Api api;
    final long qid;
    final long dataset;

    Centre(TestServer server, String name, String zone, String country, String queueJson) {
        this.server = server;
        this.api = server.newCentre(name, zone, country);
        ok(api.write("ecnow.php", "campaign_tables", "create", "[{\"name\":\"Leads\"}]"));
        this.qid = ok(api.write("database.php", "queues", "create",
                "[{\"type\":\"outbound\",\"table\":\"Leads\",\"callerid\":\"+442079460123\","
                        + "\"live\":\"Y\"" + (queueJson.isEmpty() ? "" : "," + queueJson)
                        + "}]")).get("key").asLong();
        this.dataset = ok(api.write("ecnow.php", "ecnow_datasets", "create",
                "[{\"table\":\"Leads\",\"d_status\":\"LIVE\",\"qid\":" + qid + "}]"))
                .get("key").asLong();
    }

    long anotherQueue() {
        return ok(api.write("database.php", "queues", "create",
                "[{\"type\":\"outbound\",\"table\":\"Leads\"}]")).get("key").asLong();
    }

    static JsonNode ok(JsonNode answer) {
        assertEquals(1, answer.path("total").asInt(), answer.toString());
        return answer;
    }

    long record(String json) {
        return record(dataset, json);
    }

    long record(long datasetId, String json) {
        return ok(api.write("ecnow.php", "ecnow_records", "create",
                "[{\"dataset\":" + datasetId + "," + json + "}]")).get("key").asLong();
    }

    long datasetWith(String status, long queue) {
        return ok(api.write("ecnow.php", "ecnow_datasets", "create",
                "[{\"table\":\"Leads\",\"d_status\":\"" + status + "\",\"qid\":" + queue + "}]"))
                .get("key").asLong();
    }

    void writeQueue(String json) {
        api.login();
        ok(api.write("database.php", "queues", "update", "[{\"qid\":" + qid + "," + json + "}]"));
    }

    void dnc(String number, long onQueue) {
        ok(api.write("database.php", "dnc", "create",
                "[{\"ddi\":\"" + number + "\",\"qid\":" + onQueue + "}]"));
    }

    /** What the dialler writes after a call. */
    void attempted(long record, int attempts, Instant last) {
        server.server().database().dsl().update(table(name("records")))
                .set(field(name("attempts"), Integer.class), attempts)
                .set(field(name("last_attempt_at"), Long.class), last.getEpochSecond())
                .where(field(name("id"), Long.class).eq(record)).execute();
    }

    /** A dialler call to the number that ended as {@code cres}. */
    void call(String number, String cres, Instant at) {
        call(number, cres, at, qid);
    }

    void call(String number, String cres, Instant at, long onQueue) {
        CdrStore.insert(server.server().database().dsl(), Cdr.builder().ccid(api.ccid)
                .qid(onQueue)
                .ddi(number).ctype("out").dtype("out").cres(cres).tmInit(at)
                .tmDisc(at.plusSeconds(20)).build());
    }

    void rawCallerId(String text) {
        server.server().database().dsl().update(table(name("queues")))
                .set(field(name("callerid"), String.class), text)
                .where(field(name("qid"), Long.class).eq(qid)).execute();
    }

    /** The records read with {@code explain=1}, by id (logged in anew: the clock moves). */
    Map<Long, JsonNode> explained(long datasetId) {
        api.login();
        JsonNode answer = api.read("ecnow.php", "ecnow_records",
                Map.of("dataset", "" + datasetId, "explain", "1"));
        Map<Long, JsonNode> byId = new LinkedHashMap<>();
        answer.get("list").forEach(item -> byId.put(item.get("id").asLong(), item));
        return byId;
    }
}
