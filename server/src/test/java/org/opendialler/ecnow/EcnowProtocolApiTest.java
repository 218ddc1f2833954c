package org.opendialler.ecnow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opendialler.testing.Api;
import org.opendialler.testing.TestServer;

class EcnowProtocolApiTest {

    private static TestServer server;
    private static Api api;
    private static Ecnow ecnow;
    private static String table;
    private static long ds;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        api = server.newCentre("Protocol");
        ecnow = new Ecnow(api);
        table = ecnow.table("Proto");
        ds = ecnow.dataset(table, "HOLD");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static int count() {
        return ecnow.records("dataset", ds, "limit", 0).get("total").asInt();
    }

    @Test
    void phpWrapperCreateSendsQueryInOrderWithEmptyExpect() {
        String body = "[{\"dataset\":" + ds + ",\"MobilePhone\":\"01234567890\"}]";
        String query = api.phpQuery("ecnow.php", new java.util.LinkedHashMap<>(Map.of(
                "method", "ecnow_records", "action", "create")));

        Api.Response r = api.raw("POST " + query + " HTTP/1.1\r\nExpect:\r\n"
                + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: "
                + body.getBytes(java.nio.charset.StandardCharsets.UTF_8).length + "\r\n\r\n"
                + body);

        assertEquals(1, r.json().get("total").asInt(), r.body());
        assertEquals("Record NOT live on the dialer.", r.json().get("info").asText());
    }

    @Test
    void phpPackagePostsJsonEncodedPayloadWithDdiNamesAndFirstname() {
        String body = "[{\"dataset\":\"" + ds + "\",\"firstname\":\"Anwen\","
                + "\"ddi_home\":\"029 2018 0165\",\"ddi_mobile\":\"\",\"ddi_work\":\"\"}]";

        JsonNode answer = api.post("/ecnow.php?token=" + api.token + "&format=json"
                + "&method=ecnow_records&action=create&raw=1",
                "application/x-www-form-urlencoded", body).json();
        JsonNode item = ecnow.records("dataset", ds, "id", answer.get("key").asLong())
                .get("list").get(0);

        assertEquals(1, answer.get("total").asInt(), answer.toString());
        assertEquals("Anwen", item.get("FirstName").asText());
        assertEquals("029 2018 0165", item.get("HomePhone").asText());
    }

    @Test
    void nodeScriptReadsByUrnAndTableWithGet() {
        long id = ecnow.record(ds, "\"MobilePhone\":\"07700900600\"");

        JsonNode answer = api.get("/ecnow.php?token=" + api.token + "&method=ecnow_records"
                + "&format=json&action=read&urn=" + id + "&table=" + table).json();

        assertEquals(1, answer.get("total").asInt());
        assertEquals(String.valueOf(id), answer.get("list").get(0).get("id").asText());
    }

    @Test
    void baseUrlUnderApiWithADoubledSlashWorks() {
        JsonNode answer = api.get("/api//ecnow.php?method=campaign_tables&action=read"
                + "&format=json&token=" + api.token).json();

        assertTrue(answer.get("success").asBoolean(), answer.toString());
        assertEquals(table, answer.get("list").get(0).get("name").asText());
    }

    @Test
    void malformedJsonIsRefusedAndNothingIsWritten() {
        int before = count();

        String answer = api.post(api.phpQuery("ecnow.php", Map.of("method", "ecnow_records",
                "action", "create")), "application/x-www-form-urlencoded",
                "[{\"dataset\":" + ds + ",\"MobilePhone\":\"07700900601\"},{\"dataset\":")
                .body();

        assertTrue(answer.startsWith("{\"success\":false,\"error\":\"Invalid JSON: "), answer);
        assertEquals(before, count());
    }

    @Test
    void aRowWithANulIsRefusedAloneAndTheGoodRowsAreWritten() {
        int before = count();

        JsonNode answer = api.post(api.phpQuery("ecnow.php", Map.of("method", "ecnow_records",
                "action", "create")), "application/x-www-form-urlencoded",
                "[{\"dataset\":" + ds + ",\"FirstName\":\"fine\",\"MobilePhone\":"
                + "\"07700900601\"},{\"dataset\":" + ds + ",\"FirstName\":\"a\\u0000b\","
                + "\"MobilePhone\":\"07700900602\"},{\"dataset\":" + ds + ",\"FirstName\":"
                + "\"a\\udc00b\",\"MobilePhone\":\"07700900603\"}]").json();

        assertTrue(answer.get("success").asBoolean(), answer.toString());
        assertEquals(1, answer.get("total").asInt(), answer.toString());
        assertEquals(2, answer.get("bad").asInt(), answer.toString());
        assertEquals(1, answer.get("errors").get(0).get("index").asInt());
        assertEquals("Bad argument: a value holds a NUL character",
                answer.get("errors").get(0).get("error").asText());
        assertEquals("Bad argument: a value holds an unpaired surrogate",
                answer.get("errors").get(1).get("error").asText());
        assertEquals(before + 1, count());
    }

    @Test
    void aBodyThatIsNotUtf8IsRefusedAndNothingIsWritten() {
        int before = count();
        byte[] latin1 = ("[{\"dataset\":" + ds + ",\"FirstName\":\"caf\u00e9\","
                + "\"MobilePhone\":\"07700900604\"}]").getBytes(StandardCharsets.ISO_8859_1);

        JsonNode answer = api.post(api.phpQuery("ecnow.php", Map.of("method", "ecnow_records",
                "action", "create")), "application/json; charset=iso-8859-1", latin1).json();

        assertEquals("Bad argument: the body is not UTF-8", answer.get("error").asText());
        assertEquals(before, count());
    }

    @Test
    void aJsonArrayInAReadBodyIsItsValuesAndAnObjectIsABadArgument() {
        long first = ecnow.record(ds, "\"FirstName\":\"Listed\",\"MobilePhone\":"
                + "\"07700900605\"");
        long second = ecnow.record(ds, "\"FirstName\":\"Listed\",\"MobilePhone\":"
                + "\"07700900606\"");
        String read = api.phpQuery("ecnow.php", Map.of("method", "ecnow_records",
                "action", "read"));

        JsonNode one = api.post(read, "application/json", "{\"table\":\"" + table
                + "\",\"id\":[" + second + "]}").json();
        JsonNode nested = api.post(read, "application/json", "{\"table\":\"" + table
                + "\",\"id\":{\"in\":" + first + "}}").json();
        JsonNode listOfLists = api.post(read, "application/json", "{\"table\":\"" + table
                + "\",\"dataset\":[[" + ds + "]]}").json();

        assertEquals(1, one.get("total").asInt(), one.toString());
        assertEquals(second, one.get("list").get(0).get("id").asLong());
        assertEquals("Bad argument: id", nested.get("error").asText());
        assertEquals("Bad argument: dataset", listOfLists.get("error").asText());
    }

    @Test
    void unknownMethodActionMissingTokenAndNoRows() {
        assertEquals("Unknown method", ecnow.read("nosuch").get("error").asText());
        assertEquals("Unknown action", ecnow.write("ecnow_records", "explode", "[]")
                .get("error").asText());
        assertEquals("Invalid token", api.get("/ecnow.php?method=campaign_tables&action=read"
                + "&format=json").json().get("error").asText());
        assertEquals("No file uploaded. Missing 'easycall' section?",
                ecnow.write("ecnow_records", "create", "[]").get("error").asText());
    }

    @Test
    void answersXmlByDefault() {
        Api.Response r = api.get("/ecnow.php?method=campaign_tables&action=read&token="
                + api.token);

        assertTrue(r.contentType().startsWith("application/xml"), r.contentType());
        assertTrue(r.body().contains("<campaign_tables><name>" + table
                + "</name></campaign_tables>"), r.body());
    }

    @Test
    void csvBodyWritesRecordsAndUtf8RoundTripsThroughCsv() {
        String csv = "dataset,FirstName,LastName,MobilePhone\r\n"
                + ds + ",Łucja,\"O'Brien, \"\"Jr\"\"\",07700900603\r\n"
                + ds + ",李娜 🙂,Rhys,07700900604\r\n";

        Api.Response answer = api.post("/ecnow.php?method=ecnow_records&action=create"
                + "&format=csv&token=" + api.token, "text/csv", csv);
        Api.Response back = api.get("/ecnow.php?method=ecnow_records&action=read&format=csv"
                + "&token=" + api.token + "&dataset=" + ds + "&search[lastname]=o%27brien");
        Api.Response back2 = api.get("/ecnow.php?method=ecnow_records&action=read&format=csv"
                + "&token=" + api.token + "&dataset=" + ds + "&search[lastname]=rhys");

        List<String> lines = answer.body().lines().toList();
        assertTrue(lines.get(0).startsWith("success,account_id,total,bad,key"), lines.get(0));
        assertTrue(lines.get(1).startsWith("1," + api.ccid + ",2,0,"), lines.get(1));
        assertTrue(back.body().contains(",Łucja,\"O'Brien, \"\"Jr\"\"\","), back.body());
        assertTrue(back2.body().contains(",\"李娜 🙂\",Rhys,"), back2.body());
    }

    @Test
    void campaignOfAnotherCentreIsAccessDenied() {
        JsonNode answer = api.get("/ecnow.php?method=campaign_tables&action=read&format=json"
                + "&campaign=" + (api.ccid + 1) + "&token=" + api.token).json();

        assertEquals("Access denied", answer.get("error").asText());
    }

    @Test
    void tenancyKeepsEveryCentreToItself() {
        Api other = server.newCentre("Other");
        Ecnow them = new Ecnow(other);
        long mine = ecnow.record(ds, "\"MobilePhone\":\"07700900605\"");

        List<String> errors = new ArrayList<>();
        errors.add(them.records("table", table).get("error").asText());
        errors.add(them.records("dataset", ds).path("total").asText());
        errors.add(them.read("ecnow_datasets", "dataset", ds).path("total").asText());
        errors.add(them.read("campaign_tables").path("total").asText());
        errors.add(them.read("campaign_fields", "table", table).path("total").asText());
        errors.add(them.write("ecnow_records", "create", "[{\"dataset\":" + ds
                + ",\"MobilePhone\":\"07700900606\"}]").get("error").asText());
        errors.add(them.write("ecnow_records", "update", "[{\"id\":" + mine + ",\"dataset\":"
                + ds + ",\"FirstName\":\"Mallory\"}]").get("error").asText());
        errors.add(them.write("ecnow_records", "delete", "[{\"id\":" + mine + ",\"dataset\":"
                + ds + "}]").get("error").asText());
        errors.add(them.write("ecnow_datasets", "update", "[{\"dataset\":" + ds
                + ",\"d_status\":\"LIVE\"}]").get("error").asText());
        them.table(table);

        assertEquals(List.of("Table [" + table + "] does not exist.", "0", "0", "0", "0",
                "Dataset [" + ds + "] does not exist.",
                "Record id [" + mine + "] does not exist.",
                "Record id [" + mine + "] does not exist.",
                "Dataset [" + ds + "] does not exist."), errors);
        JsonNode item = ecnow.records("dataset", ds, "id", mine).get("list").get(0);
        assertEquals("", item.get("FirstName").asText());
        assertEquals(1, ecnow.read("campaign_tables").get("total").asInt());
        assertEquals("HOLD", ecnow.read("ecnow_datasets", "dataset", ds).get("list").get(0)
                .get("d_status").asText());
    }
}
