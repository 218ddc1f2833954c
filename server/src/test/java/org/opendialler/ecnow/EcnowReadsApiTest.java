package org.opendialler.ecnow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opendialler.testing.Api;
import org.opendialler.testing.TestServer;

class EcnowReadsApiTest {

    /** The zone of the centres far from UTC, whose records are made at known instants. */
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final DateTimeFormatter LOCAL =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

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
    void aSearchObjectInAJsonBodyReadsAsTheQueryFormDoes() {
        String query = "ecnow.php?method=ecnow_records&action=read&format=json&token="
                + api.token;

        JsonNode byLastName = api.post("/" + query, "application/json", "{\"table\":\""
                + table + "\",\"search\":{\"lastname\":\"Jones\"}}").json();
        JsonNode byId = api.post("/" + query, "application/json", "{\"table\":\"" + table
                + "\",\"search\":{\"id\":" + smith + "}}").json();

        assertEquals(List.of(jones), ids(byLastName));
        assertEquals(List.of(smith), ids(byId));
    }

    @Test
    void anIdSentAsAnArrayIsRefusedRatherThanReadingTheWholeTable() {
        JsonNode array = ecnow.records("table", table, "id[]", smith);
        JsonNode keyed = ecnow.records("table", table, "urn[0]", smith);

        assertEquals("Bad argument: id", array.get("error").asText(), array.toString());
        assertEquals("Bad argument: urn", keyed.get("error").asText(), keyed.toString());
    }

    @Test
    void aDatasetSentAsAnArrayOrInAnotherScriptsDigitsIsRefusedRatherThanDropped() {
        JsonNode array = ecnow.records("table", table, "dataset[]", ds + 1);
        JsonNode arabicIndicOne = ecnow.records("table", table, "dataset", "\u0661");

        assertEquals("Bad argument: dataset", array.get("error").asText(), array.toString());
        assertEquals("Bad argument: dataset", arabicIndicOne.get("error").asText(),
                arabicIndicOne.toString());
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
    void searchIgnoresCaseButKeepsAccents() {
        // A centre of its own, so that the other tests' tables and datasets stay as they are.
        Ecnow fr = new Ecnow(server.newCentre("Accents"));
        String accents = fr.table("Accents");
        long set = fr.dataset(accents, "HOLD");
        long accented = fr.record(set, "\"LastName\":\"Émile\",\"MobilePhone\":\"07700900311\"");
        long plain = fr.record(set, "\"LastName\":\"Emile\",\"MobilePhone\":\"07700900312\"");
        long upper = fr.record(set, "\"LastName\":\"ÉMILE-ZOLA\","
                + "\"MobilePhone\":\"07700900313\"");

        assertEquals(List.of(accented, upper), ids(fr.records("table", accents,
                "search[lastname]", "émile")));
        assertEquals(List.of(plain), ids(fr.records("table", accents,
                "search[lastname]", "EMILE")));
        assertEquals(List.of(accented), ids(fr.records("table", accents,
                "search[lastname]", "éMILE", "type", "exact")));
        assertEquals(List.of(upper), ids(fr.records("table", accents,
                "search", "{\"lastname\":\"émile-z\"}")));
    }

    private static String newYork(Instant at) {
        return LOCAL.format(at.atZone(NEW_YORK));
    }

    private static String utc(Instant at) {
        return LOCAL.format(at.atZone(ZoneOffset.UTC));
    }

    @Test
    void processdateRangeIsReadInTheCentresOwnZone() {
        Api us = server.newCentre("New York", "America/New_York", "US");
        Ecnow ny = new Ecnow(us);
        String calls = ny.table("Calls");
        long set = ny.dataset(calls, "HOLD");
        // 03:30 UTC on the 15th is 22:30 on the 14th in New York (EST, UTC-5).
        Instant first = Instant.parse("2026-01-15T03:30:00Z");
        Instant second = first.plusSeconds(3600);
        Instant third = first.plus(java.time.Duration.ofDays(2));
        server.clock.set(first);
        long a = ny.record(set, "\"MobilePhone\":\"(212) 555-0101\"");
        server.clock.set(second);
        long b = ny.record(set, "\"MobilePhone\":\"(212) 555-0102\"");
        server.clock.set(third);
        long c = ny.record(set, "\"MobilePhone\":\"(212) 555-0103\"");
        server.clock.set(Instant.now());

        assertEquals(newYork(first), ny.records("table", calls, "id", a).get("list").get(0)
                .get("ProcessDate").asText());
        assertEquals(List.of(a), ids(ny.records("table", calls, "timetype", "processdate",
                "tstart", newYork(first), "tstop", newYork(first))));
        assertEquals(List.of(a, b), ids(ny.records("table", calls, "timetype", "processdate",
                "tstart", newYork(first), "tstop", newYork(second))));
        assertEquals(List.of(b, c), ids(ny.records("table", calls, "timetype", "processdate",
                "tstart", newYork(second))));
        assertEquals(List.of(a, b), ids(ny.records("table", calls, "timetype", "processdate",
                "tstop", newYork(second))));
        // The UTC wall times name other moments in New York: 03:30 there is before any record.
        assertEquals(List.of(), ids(ny.records("table", calls, "timetype", "processdate",
                "tstart", utc(first), "tstop", utc(second))));
        // A date alone is the whole local day: the 14th holds both, the 15th neither.
        assertEquals(List.of(a, b), ids(ny.records("table", calls, "timetype", "processdate",
                "tstart", "2026-01-14", "tstop", "2026-01-14")));
        assertEquals(List.of(), ids(ny.records("table", calls, "timetype", "processdate",
                "tstart", "2026-01-15", "tstop", "2026-01-15")));
        // Without timetype the range bounds ProcessDate.
        assertEquals(List.of(c), ids(ny.records("table", calls,
                "tstart", newYork(third), "tstop", newYork(third))));
    }

    @Test
    void processdateMovesWhenAnUpdateChangesTheOutcome() {
        Api us = server.newCentre("New York updates", "America/New_York", "US");
        Ecnow ny = new Ecnow(us);
        String calls = ny.table("Worked");
        long set = ny.dataset(calls, "HOLD");
        Instant loaded = Instant.parse("2026-07-01T02:00:00Z");
        Instant worked = Instant.parse("2026-07-03T01:15:00Z");
        server.clock.set(loaded);
        long id = ny.record(set, "\"MobilePhone\":\"(212) 555-0111\"");
        server.clock.set(worked);
        JsonNode update = ny.write("ecnow_records", "update", "[{\"id\":" + id
                + ",\"dataset\":" + set + ",\"outcomecode\":103}]");
        server.clock.set(Instant.now());

        assertEquals(1, update.get("total").asInt(), update.toString());
        assertEquals(List.of(), ids(ny.records("table", calls, "timetype", "processdate",
                "tstart", newYork(loaded), "tstop", newYork(loaded))));
        assertEquals(List.of(id), ids(ny.records("table", calls, "timetype", "processdate",
                "tstart", newYork(worked), "tstop", newYork(worked))));
        assertEquals("2026-07-02 21:15:00", ny.records("table", calls, "id", id).get("list")
                .get(0).get("ProcessDate").asText());
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

    @Test
    void aReadByIdAloneAnswersTheSameBytesAsAReadThatFindsTheRecordBySearch() {
        Api own = server.newCentre("ById", "America/New_York", "US");
        Ecnow other = new Ecnow(own);
        other.table("ById");
        other.write("campaign_fields", "create", "[{\"table\":\"ById\",\"name\":\"Colour\","
                + "\"type\":\"varchar\"},{\"table\":\"ById\",\"name\":\"Due\","
                + "\"type\":\"date\"},{\"table\":\"ById\",\"name\":\"Tries\","
                + "\"type\":\"int\"}]");
        long set = other.dataset("ById", "LIVE");
        long id = other.record(set, "\"LastName\":\"\u00dcnal\",\"HomePhone\":\"(212) 555-0147\","
                + "\"callback\":\"2030-06-01 09:30:00\",\"outcomecode\":105,"
                + "\"Colour\":\"teal \ud83e\udd9c\",\"Tries\":3");

        for (String format : List.of("json", "xml")) {
            String alone = read(own, format, "&table=ById&id=" + id);
            String inDataset = read(own, format, "&dataset=" + set + "&id=" + id);
            String both = read(own, format, "&table=ById&dataset=" + set + "&id=" + id);

            assertEquals(read(own, format, "&table=ById&search%5Bid%5D=" + id), alone);
            assertEquals(read(own, format, "&dataset=" + set + "&search%5Bid%5D=" + id), inDataset);
            assertEquals(alone, inDataset);
            assertEquals(alone, both);
        }
        JsonNode item = other.records("table", "ById", "id", id).get("list").get(0);
        assertEquals("teal \ud83e\udd9c", item.get("Colour").asText());
        assertEquals("3", item.get("Tries").asText());
        assertEquals("2030-06-01 09:30:00", item.get("callback").asText());
        assertEquals(0, other.records("table", "ById", "id", id + 1).get("total").asInt());
        assertEquals(0, other.records("dataset", set + 1, "id", id).get("total").asInt());
    }

    private static String read(Api as, String format, String filters) {
        Api.Response r = as.get("/ecnow.php?method=ecnow_records&action=read&format=" + format
                + "&token=" + as.token + filters);
        assertEquals(200, r.status(), r.body());
        assertTrue(r.body().contains("\"success\":true")
                || r.body().contains("<success>1</success>"), r.body());
        return r.body();
    }
}
