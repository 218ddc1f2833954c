package org.opendialler.ecnow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

class EcnowReadsApiTest {

    private static TestServer server;
    private static Api api;
    private static Ecnow ecnow;
    private static String table;
    private static long ds;
    private static long other;
    private static long smith;
    private static long jones;
    private static long brown;
    private static long agent;

    @BeforeAll
    static void start() {
        server = TestServer.start(c -> c.withReadCap(3));
        api = server.newCentre("Reads");
        ecnow = new Ecnow(api);
        table = ecnow.table("Reads");
        ds = ecnow.dataset(table, "LIVE");
        other = ecnow.dataset(table, "HOLD");
        agent = ecnow.agent("reads-agent");
        smith = ecnow.record(ds, "\"LastName\":\"Smith\",\"HomePhone\":\"01234 567890\","
                + "\"outcomecode\":103,\"AgentRef\":" + agent
                + ",\"callback\":\"2030-06-01 09:30:00\"");
        jones = ecnow.record(ds, "\"LastName\":\"Jones\",\"MobilePhone\":\"07700900301\","
                + "\"outcomecode\":105");
        brown = ecnow.record(other, "\"LastName\":\"Brown-smithson\","
                + "\"WorkPhone\":\"+44 7700 900302\"");
        ecnow.record(other, "\"LastName\":\"Zed\",\"WorkPhone\":\"07700900303\"");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static List<Long> ids(JsonNode answer) {
        assertTrue(answer.get("success").asBoolean(), answer.toString());
        List<Long> ids = new ArrayList<>();
        answer.get("list").forEach(i -> ids.add(i.get("id").asLong()));
        return ids;
    }

    @Test
    void tableOrDatasetIsRequired() {
        assertEquals("Missing table or dataset", ecnow.records().get("error").asText());
    }

    @Test
    void idUrnDatasetOutcomeAndAgentFilter() {
        assertEquals(List.of(smith), ids(ecnow.records("table", table, "id", smith)));
        assertEquals(List.of(jones), ids(ecnow.records("table", table, "urn", jones)));
        assertEquals(List.of(smith, jones), ids(ecnow.records("dataset", ds)));
        assertEquals(List.of(smith, jones), ids(ecnow.records("table", table,
                "outcome", "103,105")));
        assertEquals(List.of(jones), ids(ecnow.records("table", table, "outcome", "105")));
        assertEquals(List.of(smith), ids(ecnow.records("table", table, "agent", agent)));
        assertEquals("Bad argument: outcome",
                ecnow.records("table", table, "outcome", "x").get("error").asText());
    }

    @Test
    void ddiMatchesAnyPhoneFieldOnTheNormalisedNumber() {
        for (String form : List.of("01234 567890", "01234-567890", "+441234567890",
                "441234567890")) {
            assertEquals(List.of(smith), ids(ecnow.records("table", table, "ddi", form)), form);
        }
        assertEquals(List.of(brown), ids(ecnow.records("table", table, "ddi", "07700900302")));
    }

    @Test
    void searchContainsExactIdAndPhone() {
        assertEquals(List.of(smith, brown), ids(ecnow.records("table", table,
                "search[lastname]", "SMITH")));
        assertEquals(List.of(smith), ids(ecnow.records("table", table,
                "search[lastname]", "smith", "type", "exact")));
        assertEquals(List.of(jones), ids(ecnow.records("table", table,
                "search", "{\"id\":" + jones + ",\"lastname\":\"Smith\"}")));
        assertEquals(List.of(brown), ids(ecnow.records("table", table,
                "search[phone]", "+447700900302")));
        assertEquals(List.of(smith), ids(ecnow.records("table", table, "search", smith)));
        assertEquals("Bad argument: search",
                ecnow.records("table", table, "search", "smith").get("error").asText());
        assertEquals("Bad argument: search",
                ecnow.records("table", table, "search[nosuch]", "x").get("error").asText());
    }

    @Test
    void modesSelectByProcessType() {
        assertEquals(List.of(smith, brown, brown + 1),
                ids(ecnow.records("table", table, "mode", "active")));
        assertEquals(List.of(smith), ids(ecnow.records("table", table, "mode", "live")));
        assertEquals(List.of(smith), ids(ecnow.records("table", table, "mode", "callbacks")));
        assertEquals(List.of(smith),
                ids(ecnow.records("table", table, "mode", "live-callbacks")));
        assertEquals(List.of(smith, jones, brown),
                ids(ecnow.records("table", table, "mode", "unexpired", "limit", 3)));
        assertEquals("Bad argument: mode",
                ecnow.records("table", table, "mode", "dead").get("error").asText());
    }

    @Test
    void callbackTimeRangeIsInclusiveInTheCentreZone() {
        assertEquals(List.of(smith), ids(ecnow.records("table", table, "timetype", "callback",
                "tstart", "2030-06-01 09:30:00", "tstop", "2030-06-01 09:30:00")));
        assertEquals(List.of(smith), ids(ecnow.records("table", table, "timetype", "callback",
                "tstart", "2030-06-01", "tstop", "2030-06-01")));
        assertEquals(List.of(), ids(ecnow.records("table", table, "timetype", "callback",
                "tstart", "2030-06-01 09:30:01")));
        assertEquals("2030-06-01 09:30:00", ecnow.records("table", table, "id", smith)
                .get("list").get(0).get("callback").asText());
        assertEquals("Bad argument: tstart", ecnow.records("table", table,
                "timetype", "callback", "tstart", "June").get("error").asText());
    }

    @Test
    void pagingSortsStablyAndTotalsCountEveryMatch() {
        JsonNode page = ecnow.records("table", table, "limit", 2, "start", 1, "sort",
                "-LastName");

        assertEquals(4, page.get("total").asInt());
        assertEquals(List.of(smith, jones), ids(page));
        assertFalse(page.has("truncated"));
    }

    @Test
    void readPastTheCapIsTruncated() {
        JsonNode all = ecnow.records("table", table);

        assertEquals(4, all.get("total").asInt());
        assertEquals(3, all.get("list").size());
        assertTrue(all.get("truncated").asBoolean());
    }

    @Test
    void phpWrapperReadsWithMultipartFiltersAndAnEmptyArrayBody() {
        JsonNode multipart = api.readMultipart("ecnow.php", "ecnow_records",
                Map.of("table", table, "dataset", String.valueOf(ds)));
        JsonNode empty = api.post(api.phpQuery("ecnow.php", Map.of("method", "ecnow_records",
                "action", "read", "table", table, "limit", "1")),
                "application/x-www-form-urlencoded", "[]").json();
        JsonNode nul = api.post(api.phpQuery("ecnow.php", Map.of("method", "ecnow_datasets",
                "action", "read")), "application/x-www-form-urlencoded", "[null]").json();

        assertEquals(List.of(smith, jones), ids(multipart));
        assertEquals(4, empty.get("total").asInt(), empty.toString());
        assertEquals(2, nul.path("total").asInt(), nul.toString());
        assertEquals(String.valueOf(api.ccid), multipart.get("account_id").asText());
    }

    @Test
    void csvReadHasAHeaderRowOfFieldNames() {
        Api.Response r = api.get("/ecnow.php?method=ecnow_records&action=read&format=csv"
                + "&token=" + api.token + "&dataset=" + ds);

        assertTrue(r.contentType().startsWith("text/csv"), r.contentType());
        List<String> lines = r.body().lines().toList();
        assertTrue(lines.get(0).startsWith("id,datasetid,Title,FirstName"), lines.get(0));
        assertEquals(3, lines.size());
        assertTrue(lines.get(1).startsWith(smith + "," + ds + ","), lines.get(1));
    }
}
