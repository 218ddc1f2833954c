package org.opendialler.ecnow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opendialler.testing.Api;
import org.opendialler.testing.TestServer;

class EcnowDatasetsApiTest {

    private static TestServer server;
    private static Api api;
    private static Ecnow ecnow;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        api = server.newCentre("Datasets");
        ecnow = new Ecnow(api);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static List<String> types(long ds, String mode) {
        List<String> out = new ArrayList<>();
        ecnow.records("dataset", ds, "mode", mode).get("list")
                .forEach(i -> out.add(i.get("ProcessType").asText()));
        return out;
    }

    private static JsonNode update(String row) {
        return ecnow.write("ecnow_datasets", "update", "[" + row + "]");
    }

    @Test
    void createHasTheDefaultsAndEveryKey() {
        String table = ecnow.table("Defaults");

        long ds = ecnow.write("ecnow_datasets", "create", "[{\"table\":\"defaults\"}]")
                .get("key").asLong();
        JsonNode item = ecnow.read("ecnow_datasets", "dataset", ds).get("list").get(0);

        List<String> keys = new ArrayList<>();
        item.fieldNames().forEachRemaining(keys::add);
        assertEquals(List.of("dataset", "qid", "d_status", "d_priority", "notes", "reccount",
                "callbacks", "crm_account", "crm_campaign", "description", "locked",
                "loaddate", "sourcefile", "import_table", "campaign", "table"), keys);
        assertEquals("0", item.get("qid").asText());
        assertEquals("HOLD", item.get("d_status").asText());
        assertEquals("0", item.get("d_priority").asText());
        assertEquals("", item.get("notes").asText());
        assertEquals("0", item.get("reccount").asText());
        assertEquals("none", item.get("callbacks").asText());
        assertEquals(table, item.get("table").asText());
        assertEquals(table, item.get("import_table").asText());
        assertEquals("Missing table", ecnow.write("ecnow_datasets", "create",
                "[{\"qid\":1}]").get("error").asText());
    }

    @Test
    void readFiltersByQidStateTableAndDescription() {
        String a = ecnow.table("FilterA");
        String b = ecnow.table("FilterB");
        long a1 = ecnow.queue(a);
        long a2 = ecnow.queue(a);
        long b1 = ecnow.queue(b);
        JsonNode made = ecnow.write("ecnow_datasets", "create", "["
                + "{\"table\":\"" + a + "\",\"qid\":" + a1 + ",\"description\":\"Spring\"},"
                + "{\"table\":\"" + a + "\",\"qid\":" + a2 + ",\"d_status\":\"LIVE\"},"
                + "{\"table\":\"" + b + "\",\"qid\":" + b1 + ",\"d_priority\":90}]");
        long first = made.get("keys").get(0).asLong();
        long second = made.get("keys").get(1).asLong();
        long third = made.get("keys").get(2).asLong();

        assertEquals(List.of(first), keys(ecnow.read("ecnow_datasets", "qid", a1)));
        assertEquals(List.of(first, third),
                keys(ecnow.read("ecnow_datasets", "qid", a1 + "," + b1)));
        assertEquals(List.of(second), keys(ecnow.read("ecnow_datasets", "state", "LIVE",
                "table", a)));
        assertEquals(List.of(third), keys(ecnow.read("ecnow_datasets", "table", b)));
        assertEquals(List.of(first), keys(ecnow.read("ecnow_datasets", "description",
                "spring")));
        assertEquals(List.of(second), keys(ecnow.read("ecnow_datasets", "dataset", second)));
        assertEquals("Bad argument: state",
                ecnow.read("ecnow_datasets", "state", "ON").get("error").asText());
    }

    private static List<Long> keys(JsonNode answer) {
        List<Long> out = new ArrayList<>();
        answer.get("list").forEach(i -> out.add(i.get("dataset").asLong()));
        return out;
    }

    @Test
    void priorityMustBeZeroToNinetyAndQidAWholeNumber() {
        String table = ecnow.table("Priority");
        long ds = ecnow.dataset(table, "HOLD");

        JsonNode ok = update("{\"dataset\":" + ds + ",\"d_priority\":90}");
        JsonNode high = update("{\"dataset\":" + ds + ",\"d_priority\":91}");
        JsonNode qid = update("{\"dataset\":" + ds + ",\"qid\":\"abc\"}");

        assertEquals(1, ok.get("total").asInt());
        assertEquals("d_priority must be 0 to 90", high.get("error").asText());
        assertEquals("Bad argument: qid", qid.get("error").asText());
        assertEquals("90", ecnow.read("ecnow_datasets", "dataset", ds).get("list").get(0)
                .get("d_priority").asText());
    }

    @Test
    void statusMovesEveryRecordAndExpiredIsFinal() {
        String table = ecnow.table("Moves");
        long ds = ecnow.dataset(table, "HOLD");
        ecnow.record(ds, "\"MobilePhone\":\"07700900400\"");
        ecnow.record(ds, "\"MobilePhone\":\"07700900401\",\"ProcessType\":\"NEEDSMOREWORK\"");
        ecnow.record(ds, "\"MobilePhone\":\"07700900402\",\"outcomecode\":110");

        assertEquals(List.of("HOLD: New Prospect", "HOLD: NEEDSMOREWORK"), types(ds, "active"));
        assertEquals(List.of(), types(ds, "live"));

        update("{\"dataset\":" + ds + ",\"d_status\":\"LIVE\"}");
        assertEquals(List.of("New Prospect", "NEEDSMOREWORK"), types(ds, "live"));
        assertEquals(List.of("NEEDSMOREWORK"), types(ds, "live-callbacks"));

        update("{\"dataset\":" + ds + ",\"d_status\":\"hold\"}");
        assertEquals(List.of("HOLD: NEEDSMOREWORK"), types(ds, "callbacks"));
        assertEquals(List.of(), types(ds, "live"));

        update("{\"dataset\":" + ds + ",\"d_status\":\"EXPIRED\"}");
        assertEquals(List.of(), types(ds, "unexpired"));
        assertEquals(List.of("EXPIRED", "EXPIRED", "EXPIRED"), allTypes(ds));

        JsonNode again = update("{\"dataset\":" + ds + ",\"d_status\":\"LIVE\"}");
        JsonNode write = ecnow.write("ecnow_records", "create",
                "[{\"dataset\":" + ds + ",\"MobilePhone\":\"07700900403\"}]");
        assertTrue(again.get("success").asBoolean());
        assertEquals("Dataset [" + ds + "] is expired.", again.get("error").asText());
        assertEquals("Dataset [" + ds + "] is expired.", write.get("error").asText());
    }

    private static List<String> allTypes(long ds) {
        List<String> out = new ArrayList<>();
        ecnow.records("dataset", ds).get("list")
                .forEach(i -> out.add(i.get("ProcessType").asText()));
        return out;
    }

    @Test
    void springClientPostsJsonWithRawAndAsAnEasycallFile() {
        String table = ecnow.table("Spring");
        long ds = ecnow.dataset(table, "HOLD");
        long qid = ecnow.queue(table);
        String row = "[{\"qid\":\"" + qid + "\",\"dataset\":\"" + ds + "\",\"d_status\":\"LIVE\","
                + "\"d_priority\":\"10\",\"notes\":\"from spring\",\"reccount\":\"0\"}]";

        JsonNode json = api.post("/ecnow.php?token=" + api.token + "&format=json"
                + "&method=ecnow_datasets&action=update&raw=1", "application/json", row).json();
        byte[] body = Api.multipart("SpRiNg", Map.of(), row.replace("LIVE", "HOLD"));
        JsonNode file = api.post("/ecnow.php?token=" + api.token + "&format=json"
                + "&method=ecnow_datasets&action=update", "multipart/form-data; boundary=SpRiNg",
                body).json();
        JsonNode item = ecnow.read("ecnow_datasets", "dataset", ds).get("list").get(0);

        assertEquals("true", json.get("success").asText());
        assertEquals(1, json.get("total").asInt(), json.toString());
        assertEquals(1, file.get("total").asInt(), file.toString());
        assertEquals("HOLD", item.get("d_status").asText());
        assertEquals(String.valueOf(qid), item.get("qid").asText());
        assertEquals("10", item.get("d_priority").asText());
        assertEquals("from spring", item.get("notes").asText());
    }
}
