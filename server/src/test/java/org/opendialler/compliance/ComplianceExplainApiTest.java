package org.opendialler.compliance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opendialler.testing.TestServer;

/** {@code ecnow_records} read with {@code explain=1}, over HTTP, the server's clock moved. */
class ComplianceExplainApiTest {

    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void explainOffersEachNumberExactlyInItsWindowAcrossTheDay() {
        server.clock.set(Instant.parse("2024-03-10T00:00:00Z"));
        Centre c = new Centre(server, "Sweep", "Europe/London", "GB", "");
        Map<Long, Expected.Place> places = new LinkedHashMap<>();
        for (Expected.Place p : Expected.PLACES) {
            places.put(c.record("\"HomePhone\":\"" + p.number() + "\""), p);
        }
        List<String> mismatches = new ArrayList<>();

        for (String start : List.of("2024-03-10T00:00:00Z", "2024-04-06T00:00:00Z")) {
            for (int step = 0; step < 24 * 4; step++) {
                Instant at = Instant.parse(start).plus(Duration.ofMinutes(15L * step));
                server.clock.set(at);
                Set<String> expected = new TreeSet<>();
                Set<String> actual = new TreeSet<>();
                c.explained(c.dataset).forEach((id, item) -> {
                    if (Expected.callable(places.get(id), at)) {
                        expected.add(places.get(id).city());
                    }
                    if (item.get("dialable").asText().equals("Y")) {
                        actual.add(places.get(id).city());
                    } else if (!item.get("reason").asText().equals("hours")
                            || item.get("next_dial").asText().isEmpty()) {
                        mismatches.add(at + " " + item);
                    }
                });
                if (!expected.equals(actual)) {
                    mismatches.add(at + " expected " + expected + " got " + actual);
                }
            }
        }

        assertEquals(List.of(), mismatches);
    }

    @Test
    void explainGivesEveryReasonAndWhenToTryAgain() {
        // 13:00 in London (BST), 05:00 in Los Angeles.
        Instant now = Instant.parse("2024-06-10T12:00:00Z");
        server.clock.set(now);
        Centre c = new Centre(server, "Reasons", "Europe/London", "GB",
                "\"dial_mode\":\"predictive\",\"max_attempts\":5,\"retry_minutes\":60");
        long dialable = c.record("\"HomePhone\":\"+442079460100\"");
        long hours = c.record("\"HomePhone\":\"" + Expected.LOS_ANGELES.number() + "\"");
        long dnc = c.record("\"HomePhone\":\"+442079460101\"");
        c.dnc("+442079460101", 0);
        long spent = c.record("\"HomePhone\":\"+442079460102\"");
        c.attempted(spent, 5, now.minus(Duration.ofHours(2)));
        long retry = c.record("\"HomePhone\":\"+442079460103\"");
        c.attempted(retry, 1, now.minus(Duration.ofMinutes(30)));
        long callback = c.record("\"HomePhone\":\"+442079460104\","
                + "\"callback\":\"2024-06-10 18:00:00\"");
        long abandoned = c.record("\"HomePhone\":\"+442079460105\"");
        // On another queue, so that this queue's abandon rate stays at 0.
        long other = c.anotherQueue();
        c.call("+442079460105", "Abandoned", now.minus(Duration.ofHours(1)), other);
        long machine = c.record("\"HomePhone\":\"+442079460106\"");
        c.call("+442079460106", "Answer Machine", now.minus(Duration.ofHours(1)), other);
        long complete = c.record("\"HomePhone\":\"+442079460107\",\"outcomecode\":111");

        Map<Long, JsonNode> items = c.explained(c.dataset);

        assertEquals(List.of("Y", "", ""), why(items.get(dialable)));
        assertEquals(List.of("N", "hours", "2024-06-10 16:00:00"), why(items.get(hours)));
        assertEquals(List.of("N", "dnc", ""), why(items.get(dnc)));
        assertEquals(List.of("N", "max_attempts", ""), why(items.get(spent)));
        assertEquals(List.of("N", "retry_interval", "2024-06-10 13:30:00"),
                why(items.get(retry)));
        assertEquals(List.of("N", "callback_not_due", "2024-06-10 18:00:00"),
                why(items.get(callback)));
        assertEquals(List.of("N", "abandon_repeat", "2024-06-13 12:00:00"),
                why(items.get(abandoned)));
        assertEquals(List.of("N", "amd_repeat", "2024-06-11 12:00:00"), why(items.get(machine)));
        assertEquals(List.of("N", "complete", ""), why(items.get(complete)));
    }

    @Test
    void explainNamesHoldExpiredAndADatasetWithoutAQueue() {
        server.clock.set(Instant.parse("2024-06-10T12:00:00Z"));
        Centre c = new Centre(server, "Closed", "Europe/London", "GB", "");
        long held = c.datasetWith("HOLD", c.qid);
        long heldRecord = c.record(held, "\"HomePhone\":\"+442079460200\"");
        long ending = c.datasetWith("LIVE", c.qid);
        long expiredRecord = c.record(ending, "\"HomePhone\":\"+442079460201\"");
        Centre.ok(c.api.write("ecnow.php", "ecnow_datasets", "update",
                "[{\"dataset\":" + ending + ",\"d_status\":\"EXPIRED\"}]"));
        long unassigned = c.datasetWith("LIVE", 0);
        long loose = c.record(unassigned, "\"HomePhone\":\"+442079460202\"");

        assertEquals(List.of("N", "hold", ""), why(c.explained(held).get(heldRecord)));
        assertEquals(List.of("N", "expired", ""), why(c.explained(ending).get(expiredRecord)));
        assertEquals(List.of("N", "hold", ""), why(c.explained(unassigned).get(loose)));
    }

    @Test
    void explainShowsTheAbandonCapAndABadCallerId() {
        Instant now = Instant.parse("2024-06-10T12:00:00Z");
        server.clock.set(now);
        Centre c = new Centre(server, "Cap", "Europe/London", "GB",
                "\"dial_mode\":\"predictive\"");
        long record = c.record("\"HomePhone\":\"+442079460300\"");
        for (int i = 0; i < 30; i++) {
            c.call("+44207946" + (4000 + i), "Answered", now.minus(Duration.ofMinutes(90 + i)));
        }
        c.call("+442079465000", "Abandoned", now.minus(Duration.ofMinutes(80)));

        // 1 abandoned of 31 live answers is 3.2%, over the 3% target.
        List<String> capped = why(c.explained(c.dataset).get(record));
        c.writeQueue("\"dial_mode\":\"progressive\"");
        List<String> progressive = why(c.explained(c.dataset).get(record));
        c.rawCallerId("none");
        List<String> callerId = why(c.explained(c.dataset).get(record));

        assertEquals(List.of("N", "abandon_cap", ""), capped);
        assertEquals(List.of("Y", "", ""), progressive);
        assertEquals(List.of("N", "caller_id", ""), callerId);
    }

    @Test
    void aRecordsTimezoneFieldPlacesANumberWhoseZonesDisagree() {
        // Monday 10:30 UTC in June: 18:30 in Perth (UTC+8), 20:30 in Sydney (UTC+10) and 21:00
        // on Lord Howe (UTC+10:30). An AU mobile may ring in any of them.
        server.clock.set(Instant.parse("2024-06-10T10:30:00Z"));
        Centre c = new Centre(server, "Zones", "Australia/Sydney", "AU", "");
        Centre.ok(c.api.write("ecnow.php", "campaign_fields", "create",
                "[{\"table\":\"Leads\",\"name\":\"timezone\",\"type\":\"varchar\","
                        + "\"size\":64}]"));
        String mobile = "\"MobilePhone\":\"0412 345 678\"";
        long perth = c.record(mobile + ",\"timezone\":\"australia/perth\"");
        long sydney = c.record(mobile + ",\"timezone\":\"Australia/Sydney\"");
        long none = c.record(mobile);
        long notItsZone = c.record(mobile + ",\"timezone\":\"Europe/London\"");

        JsonNode bad = c.api.write("ecnow.php", "ecnow_records", "create", "[{\"dataset\":"
                + c.dataset + "," + mobile + ",\"timezone\":\"Mars/Olympus\"},{\"dataset\":"
                + c.dataset + "," + mobile + ",\"timezone\":\"+08:00\"}]");
        JsonNode badUpdate = c.api.write("ecnow.php", "ecnow_records", "update", "[{\"id\":"
                + perth + ",\"dataset\":" + c.dataset + ",\"timezone\":\"Perth\"}]");
        Map<Long, JsonNode> items = c.explained(c.dataset);

        String refused = "Field [timezone] must be a time zone such as Europe/London";
        assertEquals(0, bad.get("total").asInt());
        assertEquals(refused, bad.get("errors").get(0).get("error").asText());
        assertEquals(refused, bad.get("errors").get(1).get("error").asText());
        assertEquals(refused, badUpdate.get("errors").get(0).get("error").asText());
        assertEquals("Australia/Perth", items.get(perth).get("timezone").asText());
        assertEquals(List.of("Y", "", ""), why(items.get(perth)));
        // Sydney opens at 09:00 on Tuesday; without a zone of its own the number waits for the
        // Cocos Islands (UTC+6:30) to reach 09:00, 02:30 UTC, 12:30 in Sydney.
        assertEquals(List.of("N", "hours", "2024-06-11 09:00:00"), why(items.get(sydney)));
        assertEquals(List.of("N", "hours", "2024-06-11 12:30:00"), why(items.get(none)));
        assertEquals(List.of("N", "hours", "2024-06-11 12:30:00"),
                why(items.get(notItsZone)));
    }

    @Test
    void aSametimeCallbackOutsideItsWindowIsDueAtItsOwnTimeOnTheNextAllowedDay() {
        // Saturday 30 March 2024, 10:30 in London (GMT). The queue dials weekdays 09:00-17:00;
        // the clocks go forward on Sunday, so Monday 10:00 in London is 09:00 UTC.
        server.clock.set(Instant.parse("2024-03-30T10:30:00Z"));
        Centre c = new Centre(server, "Sametime", "Europe/London", "GB", "");
        long policy = Centre.ok(c.api.write("database.php", "tod_policy", "create",
                "[{\"description\":\"Weekdays\"}]")).get("key").asLong();
        Centre.ok(c.api.write("database.php", "tod_rules", "create", "[{\"policy\":" + policy
                + ",\"days\":\"mon-fri\",\"start\":\"09:00\",\"stop\":\"17:00\"}]"));
        c.writeQueue("\"tod\":" + policy);
        long sametime = c.record("\"HomePhone\":\"+442079460600\","
                + "\"callback\":\"2024-03-30 10:00:00\",\"Call_Back_Sametime\":1");
        long plain = c.record("\"HomePhone\":\"+442079460601\","
                + "\"callback\":\"2024-03-30 10:00:00\"");
        long neverAtThatTime = c.record("\"HomePhone\":\"+442079460602\","
                + "\"callback\":\"2024-03-30 07:30:00\",\"Call_Back_Sametime\":1");
        long later = c.record("\"HomePhone\":\"+442079460603\","
                + "\"callback\":\"2024-04-02 11:00:00\",\"Call_Back_Sametime\":1");

        Map<Long, JsonNode> items = c.explained(c.dataset);

        assertEquals(List.of("N", "callback_not_due", "2024-04-01 10:00:00"),
                why(items.get(sametime)));
        assertEquals(List.of("N", "hours", "2024-04-01 09:00:00"), why(items.get(plain)));
        // 07:30 is outside the queue's hours every day: dialled when they open, like any other.
        assertEquals(List.of("N", "hours", "2024-04-01 09:00:00"),
                why(items.get(neverAtThatTime)));
        assertEquals(List.of("N", "callback_not_due", "2024-04-02 11:00:00"),
                why(items.get(later)));
        // A read only explains: the stored callback is the dialler's to move.
        assertEquals("2024-03-30 10:00:00", items.get(sametime).get("callback").asText());

        // Monday 09:30 in London: the hours are open, but the sametime callback, which no
        // claim moved, is due at 10:00.
        server.clock.set(Instant.parse("2024-04-01T08:30:00Z"));
        Map<Long, JsonNode> monday = c.explained(c.dataset);
        server.clock.set(Instant.parse("2024-04-01T09:00:00Z"));
        Map<Long, JsonNode> atTen = c.explained(c.dataset);

        assertEquals(List.of("N", "callback_not_due", "2024-04-01 10:00:00"),
                why(monday.get(sametime)));
        assertEquals(List.of("Y", "", ""), why(monday.get(plain)));
        assertEquals(List.of("Y", "", ""), why(monday.get(neverAtThatTime)));
        assertEquals(List.of("Y", "", ""), why(atTen.get(sametime)));
    }

    @Test
    void aSametimeCallbackOnANumberOfSeveralZonesNeedsItsTimeAllowedInEveryOne() {
        // Saturday 15 June 2024, 08:00 UTC: 18:00 in Sydney (UTC+10), after the AU Saturday
        // window (09:00-17:00), 14:30 on the Cocos Islands (UTC+6:30). An AU mobile may ring
        // in any zone from Cocos to Lord Howe (UTC+10:30), none on summer time in June. On
        // Monday 08:00 UTC it is 18:00 in Sydney, 18:30 on Lord Howe, 14:30 on Cocos: inside
        // the weekday window (09:00-20:00) everywhere. Without sametime the record waits for
        // Cocos to reach 09:00 on Monday, 02:30 UTC, 12:30 in Sydney.
        server.clock.set(Instant.parse("2024-06-15T08:00:00Z"));
        Centre c = new Centre(server, "SametimeZones", "Australia/Sydney", "AU", "");
        String mobile = "\"MobilePhone\":\"0412 345 679\",\"callback\":\"2024-06-15 18:00:00\"";
        long sametime = c.record(mobile + ",\"Call_Back_Sametime\":1");
        long plain = c.record(mobile);

        Map<Long, JsonNode> items = c.explained(c.dataset);

        assertEquals(List.of("N", "callback_not_due", "2024-06-17 18:00:00"),
                why(items.get(sametime)));
        assertEquals(List.of("N", "hours", "2024-06-17 12:30:00"), why(items.get(plain)));
    }

    @Test
    void theAbandonCapCountsTheQueuesAmdFalsePositiveRate() {
        Instant now = Instant.parse("2024-06-10T12:00:00Z");
        server.clock.set(now);
        Centre c = new Centre(server, "FalsePositives", "Europe/London", "GB",
                "\"dial_mode\":\"predictive\"");
        long record = c.record("\"HomePhone\":\"+442079460500\"");
        for (int i = 0; i < 30; i++) {
            c.call("+44207946" + (6000 + i), "Answered", now.minus(Duration.ofMinutes(90 + i)));
        }
        for (int i = 0; i < 10; i++) {
            c.call("+44207946" + (7000 + i), "Answer Machine",
                    now.minus(Duration.ofMinutes(60 + i)));
        }

        // No abandons: at 5% the 10 machines hide 0.5 persons, 0.5 / 30.5 = 1.6%, under 3%;
        // at 20% they hide 2, 2 / 32 = 6.25%, over it.
        List<String> atFive = why(c.explained(c.dataset).get(record));
        c.writeQueue("\"amd_fp_rate\":20");
        List<String> atTwenty = why(c.explained(c.dataset).get(record));

        assertEquals(List.of("Y", "", ""), atFive);
        assertEquals(List.of("N", "abandon_cap", ""), atTwenty);
    }

    @Test
    void withoutExplainTheItemsAreAsBefore() {
        server.clock.set(Instant.parse("2024-06-10T12:00:00Z"));
        Centre c = new Centre(server, "Plain", "Europe/London", "GB", "");
        long record = c.record("\"HomePhone\":\"+442079460400\"");

        JsonNode item = c.api.read("ecnow.php", "ecnow_records",
                Map.of("dataset", "" + c.dataset)).get("list").get(0);

        assertEquals(record, item.get("id").asLong());
        assertEquals(false, item.has("dialable"));
    }

    private static List<String> why(JsonNode item) {
        return List.of(item.get("dialable").asText(), item.get("reason").asText(),
                item.get("next_dial").asText());
    }
}
