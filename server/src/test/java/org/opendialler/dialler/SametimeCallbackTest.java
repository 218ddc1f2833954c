package org.opendialler.dialler;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.min;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.opendialler.compliance.ComplianceGuard;
import org.opendialler.testing.Api;
import org.opendialler.testing.TestServer;

/**
 * {@code Call_Back_Sametime} in the running engine: a callback the queue's hours refuse is
 * moved by the claim to the same local time on the next day they allow, and dialled then,
 * across a daylight-saving change. The engine runs on Saturday, then again on Monday.
 */
class SametimeCallbackTest {

    /** Saturday 30 March 2024, 10:00 in London (GMT, so UTC). */
    private static final Instant SATURDAY_TEN = Instant.parse("2024-03-30T10:00:00Z");
    /** Monday 1 April 2024, 08:58 in London: summer time began on Sunday, UTC+1. */
    private static final Instant MONDAY_EARLY = Instant.parse("2024-04-01T07:58:00Z");
    /** Monday 09:00 in London, when the queue's weekday hours open. */
    private static final Instant MONDAY_OPENS = Instant.parse("2024-04-01T08:00:00Z");
    /** Monday 10:00 in London: the sametime callback's own time of day. */
    private static final Instant MONDAY_TEN = Instant.parse("2024-04-01T09:00:00Z");

    private final TestServer server = TestServer.start();
    private final Api api = server.newCentre("Sametime");
    private final EngineCentre centre = new EngineCentre(server, api);

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aSaturdayCallbackWithSametimeIsMovedToMondayAtTheSameLondonTimeAndDialledThen() {
        server.clock.set(SATURDAY_TEN);
        centre.table("leads");
        centre.outcomes();
        long ds = centre.dataset("leads", "All", 50);
        long qid = centre.queue("leads", "progressive", Map.of("tod", weekdays()));
        centre.agents(qid, 4);
        long sametime = lead(ds, "2024-03-30 10:00:00", 1, 0);
        long plain = lead(ds, "2024-03-30 10:00:00", 0, 1);
        long neverAtThatTime = lead(ds, "2024-03-30 07:30:00", 1, 2);
        centre.live(qid, ds);

        run(SATURDAY_TEN, Duration.ofMinutes(5));
        server.clock.set(SATURDAY_TEN.plus(Duration.ofMinutes(5)));
        Map<Long, JsonNode> saturday = explained(ds);
        run(MONDAY_EARLY, Duration.ofMinutes(66));
        Map<Long, Instant> firstCall = firstCalls();

        assertEquals(List.of("2024-04-01 10:00:00", "N", "callback_not_due",
                "2024-04-01 10:00:00", "hours"), seen(saturday.get(sametime)));
        assertEquals(List.of("2024-03-30 10:00:00", "N", "hours", "2024-04-01 09:00:00",
                "hours"), seen(saturday.get(plain)));
        assertEquals(List.of("2024-03-30 07:30:00", "N", "hours", "2024-04-01 09:00:00",
                "hours"), seen(saturday.get(neverAtThatTime)));
        for (JsonNode item : saturday.values()) {
            assertTrue(item.get("last_refusal_at").asText().startsWith("2024-03-30 10:0"),
                    item.toString());
        }
        assertEquals(3, firstCall.size(), "first calls: " + firstCall);
        assertInMinute(MONDAY_OPENS, firstCall.get(plain));
        assertInMinute(MONDAY_OPENS, firstCall.get(neverAtThatTime));
        assertInMinute(MONDAY_TEN, firstCall.get(sametime));
    }

    /** A tod policy open on weekdays from 09:00 to 17:00; answers its id. */
    private long weekdays() {
        long policy = api.write("database.php", "tod_policy", "create",
                "[{\"description\":\"Weekdays\"}]").get("key").asLong();
        JsonNode rule = api.write("database.php", "tod_rules", "create", "[{\"policy\":"
                + policy + ",\"days\":\"mon-fri\",\"start\":\"09:00\",\"stop\":\"17:00\"}]");
        assertEquals(1, rule.get("total").asInt(), rule.toString());
        return policy;
    }

    /** A lead on a London number with a callback at {@code callback}, London time. */
    private long lead(long ds, String callback, int sametime, int n) {
        JsonNode made = api.write("ecnow.php", "ecnow_records", "create", "[{\"dataset\":" + ds
                + ",\"HomePhone\":\"020 7946 07" + n + "0\",\"callback\":\"" + callback
                + "\",\"Call_Back_Sametime\":" + sametime + "}]");
        assertEquals(1, made.get("total").asInt(), made.toString());
        return made.get("key").asLong();
    }

    private void run(Instant start, Duration length) {
        server.clock.set(start);
        ComplianceGuard guard = new ComplianceGuard(server.server().database(),
                server.server().tenancy());
        DiallerEngine engine = EngineCentre.stepped(server, guard, start, 7, "n1");
        EngineCentre.run(engine, length);
        engine.close();
    }

    private Map<Long, JsonNode> explained(long ds) {
        api.login();
        Map<Long, JsonNode> byId = new HashMap<>();
        api.read("ecnow.php", "ecnow_records", Map.of("dataset", "" + ds, "explain", "1"))
                .get("list").forEach(item -> byId.put(item.get("id").asLong(), item));
        return byId;
    }

    /** The record's callback, its explanation and the dialler's last refusal. */
    private static List<String> seen(JsonNode item) {
        return List.of(item.get("callback").asText(), item.get("dialable").asText(),
                item.get("reason").asText(), item.get("next_dial").asText(),
                item.get("last_refusal").asText());
    }

    /** When each record of the centre was first dialled, from its CDRs. */
    private Map<Long, Instant> firstCalls() {
        Map<Long, Instant> first = new HashMap<>();
        var urn = field(name("urn"), Long.class);
        server.server().database().dsl()
                .select(urn, min(field(name("t_init_ms"), Long.class))).from(table(name("cdr")))
                .where(field(name("ccid"), Long.class).eq(api.ccid)).groupBy(urn)
                .forEach(r -> first.put(r.value1(), Instant.ofEpochMilli(r.value2())));
        return first;
    }

    /** {@code at} is within the minute that starts at {@code minute}. */
    private static void assertInMinute(Instant minute, Instant at) {
        assertTrue(at != null && !at.isBefore(minute)
                && at.isBefore(minute.plus(Duration.ofMinutes(1))), minute + " but " + at);
    }
}
