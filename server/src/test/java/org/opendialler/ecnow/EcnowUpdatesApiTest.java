package org.opendialler.ecnow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opendialler.testing.Api;
import org.opendialler.testing.TestServer;

class EcnowUpdatesApiTest {

    private static TestServer server;
    private static Api api;
    private static Ecnow ecnow;
    private static String table;
    private static long live;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        api = server.newCentre("Updates");
        ecnow = new Ecnow(api);
        table = ecnow.table("Updates");
        live = ecnow.dataset(table, "LIVE");
        ecnow.write("ecnow_datasets", "update", "[{\"dataset\":" + live + ",\"qid\":"
                + ecnow.queue(table) + "}]");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static JsonNode item(long id) {
        return ecnow.records("table", table, "id", id).get("list").get(0);
    }

    private static JsonNode update(String rows) {
        return ecnow.write("ecnow_records", "update", rows);
    }

    @Test
    void idAndDatasetMustMatchElseTheRowIsBadAndSuccessStaysTrue() {
        long id = ecnow.record(live, "\"MobilePhone\":\"07700900500\"");
        long other = ecnow.dataset(table, "LIVE");

        JsonNode wrongDataset = update("[{\"id\":" + id + ",\"dataset\":" + other
                + ",\"FirstName\":\"X\"}]");
        JsonNode missing = update("[{\"id\":999999,\"dataset\":" + live + "}]");

        assertTrue(wrongDataset.get("success").asBoolean());
        assertEquals("Record id [" + id + "] does not exist.",
                wrongDataset.get("error").asText());
        assertEquals("Record id [999999] does not exist.", missing.get("error").asText());
        assertEquals("", item(id).get("FirstName").asText());
    }

    @Test
    void completeOutcomeTakesTheRecordOffTheDialler() {
        long id = ecnow.record(live, "\"MobilePhone\":\"07700900501\"");

        JsonNode answer = update("[{\"id\":" + id + ",\"dataset\":" + live
                + ",\"outcomecode\":111}]");

        assertEquals("Record is NOT live on the dialer due having a complete outcome.",
                answer.get("info").asText());
        assertEquals("COMPLETE", item(id).get("ProcessType").asText());
        assertEquals("111", item(id).get("outcomecode").asText());
    }

    @Test
    void otherOutcomeMakesANewProspectNeedMoreWork() {
        long id = ecnow.record(live, "\"MobilePhone\":\"07700900502\"");

        JsonNode answer = update("[{\"id\":" + id + ",\"dataset\":" + live
                + ",\"outcomecode\":103,\"note\":\"no answer\",\"LastName\":\"Ng\"}]");

        assertEquals("Record is LIVE on the dialer.", answer.get("info").asText());
        assertEquals("NEEDSMOREWORK", item(id).get("ProcessType").asText());
        assertEquals("Ng", item(id).get("LastName").asText());
        assertTrue(item(id).get("notes").asText().endsWith(" no answer"));
    }

    @Test
    void futureCallbackMakesACallbackDueThen() {
        long id = ecnow.record(live, "\"MobilePhone\":\"07700900503\"");

        JsonNode answer = update("[{\"id\":" + id + ",\"dataset\":" + live
                + ",\"callback\":\"2031-02-03 04:05:06\",\"Call_Back_Notes\":\"ring back\"}]");

        assertEquals("Record NOT live on the dialer.", answer.get("info").asText());
        assertEquals("2031-02-03 04:05:06", item(id).get("callback").asText());
        assertEquals("ring back", item(id).get("Call_Back_Notes").asText());
        assertTrue(ecnow.records("table", table, "mode", "live-callbacks").toString()
                .contains("\"id\":\"" + id + "\""));
    }

    @Test
    void datasetidMovesARecordWithinItsTable() {
        long id = ecnow.record(live, "\"MobilePhone\":\"07700900504\"");
        long hold = ecnow.dataset(table, "HOLD");
        String otherTable = ecnow.table("Elsewhere");
        long foreign = ecnow.dataset(otherTable, "LIVE");

        JsonNode moved = update("[{\"id\":" + id + ",\"dataset\":" + live
                + ",\"datasetid\":" + hold + "}]");
        JsonNode refused = update("[{\"id\":" + id + ",\"dataset\":" + hold
                + ",\"datasetid\":" + foreign + "}]");

        assertEquals(1, moved.get("total").asInt(), moved.toString());
        assertEquals(String.valueOf(hold), item(id).get("datasetid").asText());
        assertEquals("HOLD: New Prospect", item(id).get("ProcessType").asText());
        assertEquals("Dataset [" + foreign + "] is not in table [" + table + "].",
                refused.get("error").asText());
    }

    @Test
    void idInTheQueryStringNamesTheRecord() {
        long id = ecnow.record(live, "\"MobilePhone\":\"07700900505\"");

        JsonNode answer = api.post("/ecnow.php?method=ecnow_records&action=update&format=json"
                + "&token=" + api.token + "&id=" + id, "application/x-www-form-urlencoded",
                "[{\"dataset\":" + live + ",\"Title\":\"Dr\"}]").json();

        assertEquals(1, answer.get("total").asInt(), answer.toString());
        assertEquals("Dr", item(id).get("Title").asText());
    }

    @Test
    void deleteRemovesTheRecordFromReads() {
        long id = ecnow.record(live, "\"MobilePhone\":\"07700900506\"");

        JsonNode answer = ecnow.write("ecnow_records", "delete",
                "[{\"id\":" + id + ",\"dataset\":" + live + "}]");

        assertEquals(1, answer.get("total").asInt());
        assertEquals(0, ecnow.records("table", table, "id", id).get("total").asInt());
    }
}
