package org.opendialler.ecnow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opendialler.testing.Api;
import org.opendialler.testing.TestServer;

class EcnowRecordsApiTest {

    private static TestServer server;
    private static Api api;
    private static Ecnow ecnow;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        api = server.newCentre("Records");
        ecnow = new Ecnow(api);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static List<String> ids(JsonNode answer) {
        List<String> ids = new ArrayList<>();
        answer.get("list").forEach(i -> ids.add(i.get("id").asText()));
        return ids;
    }

    @Test
    void createdRecordReadsBackWithEveryStandardFieldAsStrings() {
        String table = ecnow.table("Basic");
        long ds = ecnow.dataset(table, "HOLD");

        long id = ecnow.record(ds, "\"firstname\":\"Zoë\",\"MobilePhone\":\" 07700 900123 \"");
        JsonNode item = ecnow.records("table", table, "id", id).get("list").get(0);

        List<String> names = new ArrayList<>();
        item.fieldNames().forEachRemaining(names::add);
        List<String> expected = new ArrayList<>();
        StandardFields.all().forEach(f -> expected.add(f.name()));
        assertEquals(expected, names);
        assertEquals("Zoë", item.get("FirstName").asText());
        assertEquals("07700 900123", item.get("MobilePhone").asText());
        assertEquals(String.valueOf(ds), item.get("datasetid").asText());
        assertEquals("HOLD: New Prospect", item.get("ProcessType").asText());
        assertEquals("0000-00-00 00:00:00", item.get("callback").asText());
        assertTrue(item.get("AgentRef").isTextual());
    }

    @Test
    void createAppliesAliasesInAnyCaseAndNotesAppend() {
        String table = ecnow.table("Aliases");
        long ds = ecnow.dataset(table, "LIVE");

        JsonNode answer = ecnow.write("ecnow_records", "create", "[{\"DATASET\":" + ds
                + ",\"ddi_home\":\"0113 496 0508\",\"DDI_Mobile\":\"07700900064\","
                + "\"ddi_work\":\"+1 212 555 0139\",\"EMAIL\":\"zoë@example.com\","
                + "\"note\":\"first call\",\"lastNAME\":\"Jones\"}]");
        JsonNode item = ecnow.records("dataset", ds, "id", answer.get("key").asLong())
                .get("list").get(0);

        assertEquals(1, answer.get("total").asInt(), answer.toString());
        assertEquals("0113 496 0508", item.get("HomePhone").asText());
        assertEquals("07700900064", item.get("MobilePhone").asText());
        assertEquals("+1 212 555 0139", item.get("WorkPhone").asText());
        assertEquals("zoë@example.com", item.get("Customer_Email").asText());
        assertEquals("Jones", item.get("LastName").asText());
        assertTrue(item.get("notes").asText().matches(
                "\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2} first call"), item.toString());
    }

    @Test
    void badRowsAreRefusedAloneWithTheirReasons() {
        String table = ecnow.table("BadRows");
        long ds = ecnow.dataset(table, "HOLD");
        long expired = ecnow.dataset(table, "HOLD");
        ecnow.write("ecnow_datasets", "update",
                "[{\"dataset\":" + expired + ",\"d_status\":\"EXPIRED\"}]");

        JsonNode answer = ecnow.write("ecnow_records", "create", "["
                + "{\"dataset\":" + ds + ",\"MobilePhone\":\"07700900001\"},"
                + "{\"dataset\":" + ds + ",\"MobilePhone\":\"12\"},"
                + "{\"MobilePhone\":\"07700900002\"},"
                + "{\"dataset\":" + ds + ",\"MobilePhone\":\"07700900003\","
                + "\"Shoe\":\"9\"},"
                + "{\"dataset\":" + expired + ",\"MobilePhone\":\"07700900004\"},"
                + "{\"dataset\":999999,\"MobilePhone\":\"07700900005\"},"
                + "{\"dataset\":" + ds + ",\"MobilePhone\":\"07700900006\","
                + "\"Title\":\"" + "x".repeat(256) + "\"},"
                + "{\"dataset\":" + ds + ",\"MobilePhone\":\"07700900007\","
                + "\"outcomecode\":\"99\"},"
                + "{\"dataset\":" + ds + ",\"MobilePhone\":\"07700900008\","
                + "\"callback\":\"tomorrow\"},"
                + "{\"dataset\":" + ds + ",\"HomePhone\":\"01134960000\"}]");

        assertEquals(2, answer.get("total").asInt(), answer.toString());
        assertEquals(8, answer.get("bad").asInt());
        List<String> errors = new ArrayList<>();
        answer.get("errors").forEach(e -> errors.add(e.get("index").asInt() + " "
                + e.get("error").asText()));
        assertEquals(List.of("1 No valid phone number", "2 Missing dataset",
                "3 Unknown field [Shoe]", "4 Dataset [" + expired + "] is expired.",
                "5 Dataset [999999] does not exist.",
                "6 Field [Title] is longer than 255 characters",
                "7 Outcome [99] does not exist.",
                "8 Field [callback] must be a datetime YYYY-MM-DD HH:MM:SS"), errors);
        assertEquals(2, ecnow.records("dataset", ds).get("total").asInt());
        assertEquals(answer.get("keys").get(0), answer.get("key"));
    }

    @Test
    void allRowsRefusedStillSucceedsWithTheFirstError() {
        String table = ecnow.table("AllBad");
        long ds = ecnow.dataset(table, "HOLD");

        JsonNode answer = ecnow.write("ecnow_records", "create",
                "[{\"dataset\":" + ds + ",\"HomePhone\":\"nope\"}]");

        assertTrue(answer.get("success").asBoolean());
        assertEquals(0, answer.get("total").asInt());
        assertEquals(1, answer.get("bad").asInt());
        assertEquals("No valid phone number", answer.get("error").asText());
    }

    @Test
    void serverOwnedFieldsAreIgnoredButNeedsMoreWorkIsHonoured() {
        String table = ecnow.table("Owned");
        long ds = ecnow.dataset(table, "LIVE");

        long id = ecnow.record(ds, "\"MobilePhone\":\"07700900010\",\"id\":5,"
                + "\"ProcessType\":\"NEEDSMOREWORK\",\"notes\":\"mine\","
                + "\"loaddate\":\"2001-01-01 00:00:00\"");
        JsonNode item = ecnow.records("table", table, "id", id).get("list").get(0);

        assertTrue(id != 5);
        assertEquals("NEEDSMOREWORK", item.get("ProcessType").asText());
        assertEquals("", item.get("notes").asText());
        assertTrue(!item.get("loaddate").asText().startsWith("2001"), item.toString());
    }

    @Test
    void infoSaysLiveOnlyForADialableRecord() {
        String table = ecnow.table("Info");
        long hold = ecnow.dataset(table, "HOLD");
        long live = ecnow.dataset(table, "LIVE");
        ecnow.write("ecnow_datasets", "update", "[{\"dataset\":" + live + ",\"qid\":"
                + ecnow.queue(table) + "}]");

        JsonNode onHold = ecnow.write("ecnow_records", "create",
                "[{\"dataset\":" + hold + ",\"MobilePhone\":\"07700900011\"}]");
        JsonNode onLive = ecnow.write("ecnow_records", "create",
                "[{\"dataset\":" + live + ",\"MobilePhone\":\"07700900012\"}]");
        JsonNode complete = ecnow.write("ecnow_records", "create",
                "[{\"dataset\":" + live + ",\"MobilePhone\":\"07700900013\","
                + "\"outcomecode\":105}]");

        assertEquals("Record NOT live on the dialer.", onHold.get("info").asText());
        assertEquals("Record is LIVE on the dialer.", onLive.get("info").asText());
        assertEquals("Record NOT live on the dialer.", complete.get("info").asText());
        assertEquals("COMPLETE", ecnow.records("table", table, "id",
                complete.get("key").asLong()).get("list").get(0).get("ProcessType").asText());
    }

    @Test
    void utf8RoundTripsThroughJsonAndXml() {
        String table = ecnow.table("Utf8");
        long ds = ecnow.dataset(table, "HOLD");
        String[] names = {"Siân Ó Briain", "Łukasz Żółć", "Llŷr ap Gwilym", "张伟",
            "Zoë 🙂"};
        for (String n : names) {
            ecnow.record(ds, "\"FirstName\":\"" + n + "\",\"MobilePhone\":\"07700900100\"");
        }

        JsonNode json = ecnow.records("dataset", ds);
        String xml = api.get("/ecnow.php?method=ecnow_records&action=read&token=" + api.token
                + "&dataset=" + ds).body();

        for (int i = 0; i < names.length; i++) {
            assertEquals(names[i], json.get("list").get(i).get("FirstName").asText());
            assertTrue(xml.contains("<FirstName>" + names[i] + "</FirstName>"), xml);
        }
        assertTrue(xml.startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"));
        assertTrue(xml.contains("<ecnow_records><id>"), xml);
    }

    @Test
    void tabsNewlinesBackslashesAndTheTextOfANullAreStoredAsSent() throws Exception {
        String table = ecnow.table("Escapes");
        ecnow.write("campaign_fields", "create", "[{\"table\":\"" + table + "\",\"name\":"
                + "\"Memo\",\"type\":\"varchar\",\"size\":100}]");
        long ds = ecnow.dataset(table, "HOLD");
        String[] values = {"tab\there", "two\nlines", "cr\r\nlf", "back\\slash\\",
            "\\N", "\\t not a tab", "\\\\N", "Zoë 🙂\t\\"};
        ObjectMapper json = new ObjectMapper();
        ArrayNode rows = json.createArrayNode();
        for (String v : values) {
            rows.addObject().put("dataset", ds).put("FirstName", v).put("Address1", v)
                    .put("Memo", v).put("MobilePhone", "07700900200");
        }

        JsonNode answer = ecnow.write("ecnow_records", "create", json.writeValueAsString(rows));
        JsonNode items = ecnow.records("dataset", ds).get("list");

        assertEquals(values.length, answer.get("total").asInt(), answer.toString());
        for (int i = 0; i < values.length; i++) {
            JsonNode item = items.get(i);
            assertEquals(values[i], item.get("FirstName").asText(), "row " + i);
            assertEquals(values[i], item.get("Address1").asText(), "row " + i);
            assertEquals(values[i], item.get("Memo").asText(), "row " + i);
            assertEquals("", item.get("Address2").asText(), "an empty field is not null");
        }
    }

    @Test
    void customFieldsAreCheckedAndReadBack() {
        String table = ecnow.table("Custom");
        ecnow.write("campaign_fields", "create", "[{\"table\":\"" + table + "\",\"name\":"
                + "\"Colour\",\"type\":\"select\",\"picklist\":\"red,green\"},"
                + "{\"table\":\"" + table + "\",\"name\":\"Ref\",\"type\":\"varchar\","
                + "\"size\":5},{\"table\":\"" + table + "\",\"name\":\"Born\","
                + "\"type\":\"date\"}]");
        long ds = ecnow.dataset(table, "HOLD");

        JsonNode answer = ecnow.write("ecnow_records", "create", "["
                + "{\"dataset\":" + ds + ",\"MobilePhone\":\"07700900020\",\"colour\":\"red\","
                + "\"REF\":\"abcde\"},"
                + "{\"dataset\":" + ds + ",\"MobilePhone\":\"07700900021\",\"Colour\":\"blue\"},"
                + "{\"dataset\":" + ds + ",\"MobilePhone\":\"07700900022\",\"Ref\":\"abcdef\"}]");
        JsonNode item = ecnow.records("dataset", ds).get("list").get(0);

        assertEquals(1, answer.get("total").asInt(), answer.toString());
        assertEquals("Field [Colour] does not allow [blue]",
                answer.get("errors").get(0).get("error").asText());
        assertEquals("Field [Ref] is longer than 5 characters",
                answer.get("errors").get(1).get("error").asText());
        assertEquals("red", item.get("Colour").asText());
        assertEquals("abcde", item.get("Ref").asText());
        assertEquals("0000-00-00", item.get("Born").asText());
    }

    @Test
    void dedupeRefusesANumberAlreadyOpenInScopeNamingTheRecord() {
        String table = ecnow.table("Dedupe");
        long ds = ecnow.dataset(table, "HOLD");
        long other = ecnow.dataset(table, "HOLD");
        long first = ecnow.record(ds, "\"MobilePhone\":\"07700 900200\"");

        JsonNode sameDataset = api.post(api.phpQuery("ecnow.php", java.util.Map.of("method",
                "ecnow_records", "action", "create", "dedupe", "dataset")),
                "application/x-www-form-urlencoded", "[{\"dataset\":" + ds
                + ",\"HomePhone\":\"+447700900200\"},{\"dataset\":" + ds
                + ",\"MobilePhone\":\"07700900201\"},{\"dataset\":" + ds
                + ",\"WorkPhone\":\"07700900201\"}]").json();
        JsonNode otherDataset = api.post(api.phpQuery("ecnow.php", java.util.Map.of("method",
                "ecnow_records", "action", "create", "dedupe", "dataset")),
                "application/x-www-form-urlencoded", "[{\"dataset\":" + other
                + ",\"MobilePhone\":\"07700900200\"}]").json();
        JsonNode table2 = api.post(api.phpQuery("ecnow.php", java.util.Map.of("method",
                "ecnow_records", "action", "create", "dedupe", "table")),
                "application/x-www-form-urlencoded", "[{\"dataset\":" + other
                + ",\"MobilePhone\":\"07700900200\"}]").json();

        assertEquals(1, sameDataset.get("total").asInt(), sameDataset.toString());
        assertEquals("Duplicate number: already on record [" + first + "]",
                sameDataset.get("errors").get(0).get("error").asText());
        assertEquals("Duplicate number: already on record ["
                + sameDataset.get("key").asLong() + "]",
                sameDataset.get("errors").get(1).get("error").asText());
        assertEquals(1, otherDataset.get("total").asInt());
        assertEquals(0, table2.get("total").asInt());
    }

    /** A create as the PHP wrapper sends it, with {@code dedupe} when it is not null. */
    private static JsonNode create(Api as, String dedupe, String rowsJson) {
        java.util.Map<String, String> own = new java.util.LinkedHashMap<>();
        own.put("method", "ecnow_records");
        own.put("action", "create");
        if (dedupe != null) {
            own.put("dedupe", dedupe);
        }
        return as.post(as.phpQuery("ecnow.php", own), "application/x-www-form-urlencoded",
                rowsJson).json();
    }

    @Test
    void aUsNumberWrittenEitherWayIsOneNumber() {
        Api us = server.newCentre("Manhattan", "America/New_York", "US");
        Ecnow ny = new Ecnow(us);
        String table = ny.table("Leads");
        long ds = ny.dataset(table, "HOLD");
        long first = ny.record(ds, "\"MobilePhone\":\"(212) 555-0143\"");

        JsonNode deduped = create(us, "table", "[{\"dataset\":" + ds
                + ",\"HomePhone\":\"1 212 555 0143\"}]");
        JsonNode twice = create(us, null, "[{\"dataset\":" + ds
                + ",\"HomePhone\":\"1 212 555 0143\"}]");
        long second = twice.get("key").asLong();

        assertEquals(0, deduped.get("total").asInt(), deduped.toString());
        assertEquals("Duplicate number: already on record [" + first + "]",
                deduped.get("errors").get(0).get("error").asText());
        assertEquals(1, twice.get("total").asInt(), twice.toString());
        for (String form : List.of("(212) 555-0143", "1 212 555 0143", "+1 212-555-0143",
                "2125550143")) {
            assertEquals(List.of("" + first, "" + second),
                    ids(ny.records("table", table, "ddi", form)), form);
        }
        JsonNode items = ny.records("table", table).get("list");
        assertEquals("(212) 555-0143", items.get(0).get("MobilePhone").asText());
        assertEquals("1 212 555 0143", items.get(1).get("HomePhone").asText());
    }

    @Test
    void dedupeCentreLooksAcrossTablesAndOnlyOpenRecordsBlock() {
        long inA = ecnow.dataset(ecnow.table("CentreA"), "HOLD");
        long inB = ecnow.dataset(ecnow.table("CentreB"), "HOLD");
        long open = ecnow.record(inA, "\"MobilePhone\":\"07700 900210\"");
        long done = ecnow.record(inA, "\"MobilePhone\":\"07700 900211\"");
        String openInB = "[{\"dataset\":" + inB + ",\"WorkPhone\":\"+44 7700 900210\"}]";

        JsonNode centre = create(api, "centre", openInB);
        JsonNode table = create(api, "table", openInB);
        JsonNode completed = ecnow.write("ecnow_records", "update", "[{\"id\":" + done
                + ",\"dataset\":" + inA + ",\"outcomecode\":105}]");
        JsonNode doneInB = create(api, "centre", "[{\"dataset\":" + inB
                + ",\"MobilePhone\":\"+447700900211\"}]");
        JsonNode doneInA = create(api, "dataset", "[{\"dataset\":" + inA
                + ",\"HomePhone\":\"07700900211\"}]");
        JsonNode noDedupe = create(api, null, "[{\"dataset\":" + inA
                + ",\"MobilePhone\":\"07700900212\"},{\"dataset\":" + inA
                + ",\"HomePhone\":\"+447700900212\"}]");

        assertEquals(0, centre.get("total").asInt(), centre.toString());
        assertEquals("Duplicate number: already on record [" + open + "]",
                centre.get("errors").get(0).get("error").asText());
        assertEquals(1, table.get("total").asInt(), table.toString());
        assertEquals(1, completed.get("total").asInt(), completed.toString());
        assertEquals("COMPLETE", ecnow.records("table", "CentreA", "id", done).get("list")
                .get(0).get("ProcessType").asText());
        assertEquals(1, doneInB.get("total").asInt(), doneInB.toString());
        assertEquals(1, doneInA.get("total").asInt(), doneInA.toString());
        assertEquals(2, noDedupe.get("total").asInt(), noDedupe.toString());
        assertEquals(2, ecnow.records("table", "CentreA", "ddi", "07700900212")
                .get("total").asInt());
    }

    @Test
    void bulkCreateOfTenThousandRowsReportsCorrectCounts() {
        String table = ecnow.table("Bulk");
        long ds = ecnow.dataset(table, "HOLD");
        StringBuilder body = new StringBuilder("[");
        int bad = 0;
        for (int i = 0; i < 10_000; i++) {
            boolean good = i % 7 != 0;
            bad += good ? 0 : 1;
            body.append(i == 0 ? "" : ",").append("{\"dataset\":").append(ds)
                    .append(",\"MobilePhone\":\"")
                    .append(good ? String.format("07700%06d", i) : "x").append("\"}");
        }
        body.append("]");

        JsonNode answer = ecnow.write("ecnow_records", "create", body.toString());

        assertEquals(10_000 - bad, answer.get("total").asInt());
        assertEquals(bad, answer.get("bad").asInt());
        assertEquals(10_000 - bad, answer.get("keys").size());
        assertEquals(10_000 - bad, ecnow.records("dataset", ds, "limit", 1).get("total").asInt());
    }

    /** Row {@code i} of a large create: one of three shapes, bad at a few places. */
    private static String shapedRow(long ds, int i) {
        String phone = String.format("07700%06d", i);
        String row = switch (i % 3) {
            case 0 -> "\"MobilePhone\":\"" + phone + "\",\"Title\":\"Dr" + i + "\",\"Ref\":\"R" + i
                    + "\"";
            case 1 -> "\"HomePhone\":\"" + phone + "\",\"FirstName\":\"F" + i
                    + "\",\"callback\":\"2031-02-03 04:05:06\"";
            default -> "\"WorkPhone\":\"" + phone + "\",\"postcode\":\"LS" + i + "\"";
        };
        return "{\"dataset\":" + ds + "," + row + (shapedBad(i) ? ",\"Shoe\":\"9\"" : "") + "}";
    }

    private static boolean shapedBad(int i) {
        return i % 400 == 13 || i == 999 || i == 1000;
    }

    @Test
    void aCreateLargerThanOneInsertBatchWritesEachGoodRowWholeWhateverFieldsItSets() {
        String table = ecnow.table("Shapes");
        ecnow.write("campaign_fields", "create", "[{\"table\":\"" + table + "\",\"name\":"
                + "\"Ref\",\"type\":\"varchar\",\"size\":10}]");
        long ds = ecnow.dataset(table, "HOLD");
        int rows = 2_100;
        StringBuilder body = new StringBuilder("[");
        List<Integer> good = new ArrayList<>();
        List<String> expectedErrors = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            body.append(i == 0 ? "" : ",").append(shapedRow(ds, i));
            if (shapedBad(i)) {
                expectedErrors.add(i + " Unknown field [Shoe]");
            } else {
                good.add(i);
            }
        }

        JsonNode answer = ecnow.write("ecnow_records", "create", body.append("]").toString());
        JsonNode items = ecnow.records("dataset", ds, "limit", rows).get("list");

        List<String> errors = new ArrayList<>();
        answer.get("errors").forEach(e -> errors.add(e.get("index").asInt() + " "
                + e.get("error").asText()));
        assertEquals(expectedErrors, errors);
        assertEquals(good.size(), answer.get("total").asInt());
        assertEquals(good.size(), items.size());
        java.util.Map<Long, JsonNode> byId = new java.util.HashMap<>();
        items.forEach(item -> byId.put(item.get("id").asLong(), item));
        for (int k = 0; k < good.size(); k++) {
            int i = good.get(k);
            JsonNode item = byId.get(answer.get("keys").get(k).asLong());
            String phone = String.format("07700%06d", i);
            assertEquals(i % 3 == 0 ? phone : "", item.get("MobilePhone").asText(), "row " + i);
            assertEquals(i % 3 == 0 ? "Dr" + i : "", item.get("Title").asText(), "row " + i);
            assertEquals(i % 3 == 0 ? "R" + i : "", item.get("Ref").asText(), "row " + i);
            assertEquals(i % 3 == 1 ? phone : "", item.get("HomePhone").asText(), "row " + i);
            assertEquals(i % 3 == 1 ? "F" + i : "", item.get("FirstName").asText(), "row " + i);
            assertEquals(i % 3 == 1 ? "2031-02-03 04:05:06" : "0000-00-00 00:00:00",
                    item.get("callback").asText(), "row " + i);
            assertEquals(i % 3 == 2 ? phone : "", item.get("WorkPhone").asText(), "row " + i);
            assertEquals(i % 3 == 2 ? "LS" + i : "", item.get("Postcode").asText(), "row " + i);
            if (k > 0) {
                assertTrue(answer.get("keys").get(k).asLong()
                        > answer.get("keys").get(k - 1).asLong(), "keys in row order");
            }
        }
    }

    @Test
    void aDatasetExpiredWhileALoadIsWrittenKeepsNoneOfItsRecordsOpen() throws Exception {
        String table = ecnow.table("ExpiredMidLoad");
        long ds = ecnow.dataset(table, "HOLD");
        int rows = 20_000;
        StringBuilder body = new StringBuilder("[");
        for (int i = 0; i < rows; i++) {
            body.append(i == 0 ? "" : ",").append("{\"dataset\":").append(ds)
                    .append(",\"MobilePhone\":\"07700900").append(i % 1000).append("\"}");
        }

        CompletableFuture<JsonNode> load = CompletableFuture.supplyAsync(
                () -> ecnow.write("ecnow_records", "create", body.append("]").toString()));
        while (!load.isDone() && ecnow.records("dataset", ds, "limit", 1).get("total")
                .asInt() == 0) {
            Thread.sleep(5);
        }
        ecnow.write("ecnow_datasets", "update",
                "[{\"dataset\":" + ds + ",\"d_status\":\"EXPIRED\"}]");
        JsonNode answer = load.get(60, TimeUnit.SECONDS);

        int written = ecnow.records("dataset", ds, "limit", 1).get("total").asInt();
        int open = ecnow.records("dataset", ds, "mode", "active", "limit", 1).get("total")
                .asInt();
        assertEquals(answer.get("total").asInt(), written, "every row reported is written");
        assertEquals(0, open, "records of an expired dataset left open");
    }

    @Test
    void dedupeSeesEarlierRowsOfTheSameCreateInEveryInsertBatch() {
        String table = ecnow.table("DedupeLarge");
        long ds = ecnow.dataset(table, "HOLD");
        StringBuilder body = new StringBuilder("[");
        for (int i = 0; i < 1_200; i++) {
            String phone = switch (i) {
                case 1_100 -> "+44 7700 800005";
                case 1_150 -> "07700 801020";
                default -> String.format("07700%06d", 800_000 + i);
            };
            body.append(i == 0 ? "" : ",").append("{\"dataset\":").append(ds)
                    .append(",\"MobilePhone\":\"").append(phone).append("\"}");
        }

        JsonNode answer = create(api, "dataset", body.append("]").toString());

        JsonNode keys = answer.get("keys");
        assertEquals(1_198, answer.get("total").asInt(), answer.toString());
        assertEquals(1_100, answer.get("errors").get(0).get("index").asInt());
        assertEquals("Duplicate number: already on record [" + keys.get(5).asLong() + "]",
                answer.get("errors").get(0).get("error").asText());
        assertEquals(1_150, answer.get("errors").get(1).get("index").asInt());
        assertEquals("Duplicate number: already on record [" + keys.get(1_020).asLong() + "]",
                answer.get("errors").get(1).get("error").asText());
    }
}
