package org.opendialler.ecnow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opendialler.testing.Api;
import org.opendialler.testing.TestServer;

/**
 * Two servers on one database, as nodes behind a load balancer: every change of a centre's
 * tables or fields made through one node holds on the other's very next request, although
 * each node keeps the definitions its reads need in memory.
 */
class DefinitionsAcrossNodesApiTest {

    private static final String PHONE = "\"HomePhone\":\"01234 567890\"";

    private static TestServer first;
    private static TestServer second;
    private static Ecnow onFirst;
    private static Ecnow onSecond;

    @BeforeAll
    static void start() {
        first = TestServer.start();
        second = TestServer.beside(first);
        Api api = first.newCentre("Nodes");
        Api other = new Api(second.baseUrl(), api.ccid, api.username, TestServer.PASSWORD);
        other.token = api.token;
        onFirst = new Ecnow(api);
        onSecond = new Ecnow(other);
    }

    @AfterAll
    static void stop() {
        second.close();
        first.close();
    }

    private static JsonNode only(JsonNode answer) {
        assertTrue(answer.get("success").asBoolean(), answer.toString());
        assertEquals(1, answer.get("total").asInt(), answer.toString());
        return answer.get("list").get(0);
    }

    @Test
    void aFieldAddedOnOneNodeIsReadAndWrittenOnTheOtherAtOnce() {
        String table = onFirst.table("Leads");
        long ds = onFirst.dataset(table, "LIVE");
        long id = onFirst.record(ds, PHONE);
        assertFalse(only(onSecond.records("table", table, "id", id)).has("Region"));

        JsonNode added = onFirst.write("campaign_fields", "create",
                "[{\"table\":\"Leads\",\"name\":\"Region\",\"type\":\"varchar\"}]");
        JsonNode unset = only(onSecond.records("table", table, "id", id));
        JsonNode written = onSecond.write("ecnow_records", "update",
                "[{\"id\":" + id + ",\"dataset\":" + ds + ",\"Region\":\"North\"}]");

        assertEquals(1, added.get("total").asInt(), added.toString());
        assertEquals("", unset.get("Region").asText());
        assertEquals(1, written.get("total").asInt(), written.toString());
        assertEquals("North",
                only(onSecond.records("dataset", ds, "id", id)).get("Region").asText());
        assertEquals("North",
                only(onFirst.records("table", table, "id", id)).get("Region").asText());
        assertEquals(id, only(onSecond.records("table", table, "search[Region]", "nor"))
                .get("id").asLong());
    }

    @Test
    void aTableCreatedOnOneNodeIsReadOnTheOtherAtOnce() {
        JsonNode before = onSecond.records("table", "Later");

        long ds = onFirst.dataset(onFirst.table("Later"), "LIVE");
        long id = onFirst.record(ds, PHONE);

        assertEquals("Table [Later] does not exist.", before.get("error").asText());
        assertEquals(id, only(onSecond.records("table", "later", "id", id)).get("id").asLong());
    }

    @Test
    void aTableDeletedOnOneNodeIsGoneOnTheOtherAtOnce() {
        long ds = onFirst.dataset(onFirst.table("Gone"), "LIVE");
        JsonNode before = onSecond.records("table", "Gone");

        onFirst.write("ecnow_datasets", "update",
                "[{\"dataset\":" + ds + ",\"d_status\":\"EXPIRED\"}]");
        JsonNode deleted = onFirst.write("campaign_tables", "delete", "[{\"name\":\"Gone\"}]");

        assertTrue(before.get("success").asBoolean(), before.toString());
        assertEquals(1, deleted.get("total").asInt(), deleted.toString());
        assertEquals("Table [Gone] does not exist.",
                onSecond.records("table", "Gone").get("error").asText());
    }

    @Test
    void aTableMadeAgainUnderItsNameOnOneNodeIsTheNewTableOnTheOther() {
        long old = onFirst.dataset(onFirst.table("Again"), "LIVE");
        long oldRecord = onFirst.record(old, PHONE);
        assertEquals(oldRecord,
                only(onSecond.records("table", "Again", "id", oldRecord)).get("id").asLong());

        onFirst.write("ecnow_datasets", "update",
                "[{\"dataset\":" + old + ",\"d_status\":\"EXPIRED\"}]");
        onFirst.write("campaign_tables", "delete", "[{\"name\":\"Again\"}]");
        long ds = onFirst.dataset(onFirst.table("Again"), "LIVE");
        long id = onFirst.record(ds, PHONE);

        assertEquals(id, only(onSecond.records("table", "Again", "id", id)).get("id").asLong());
        assertEquals(0, onSecond.records("table", "Again", "id", oldRecord).get("total").asInt());
    }
}
