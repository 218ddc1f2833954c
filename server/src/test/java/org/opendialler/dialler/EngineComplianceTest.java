package org.opendialler.dialler;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.opendialler.compliance.ComplianceGuard;
import org.opendialler.compliance.DialGuard;
import org.opendialler.live.LiveBoard;
import org.opendialler.testing.Api;
import org.opendialler.testing.TestServer;

/**
 * What the compliance rules do to a running engine, stepped on the simulated carrier against
 * the real database: the last attempt closes a record, the queue's AMD false-positive rate is
 * what its meters count, and a record's own time zone decides when it is dialled.
 */
class EngineComplianceTest {

    private final TestServer server = TestServer.start();

    @AfterEach
    void stop() {
        server.close();
    }

    private DiallerEngine engine(DialGuard guard, Instant start, long seed) {
        return EngineCentre.stepped(server, guard, start, seed, "n1");
    }


    /** The centre's CDRs: urn, and whether the call's outcome was complete. */
    private List<org.jooq.Record2<Long, Boolean>> cdrs(long ccid) {
        return server.server().database().dsl()
                .select(field(name("urn"), Long.class), field(name("oc_complete"), Boolean.class))
                .from(table(name("cdr"))).where(field(name("ccid"), Long.class).eq(ccid))
                .fetch();
    }

    @Test
    void aRecordWhoseAttemptsReachTheMaximumGetsOutcome110AndIsNeverDialledAgain() {
        Api api = server.newCentre("Attempts");
        EngineCentre centre = new EngineCentre(server, api);
        centre.table("leads");
        centre.outcomes();
        long ds = centre.dataset("leads", "All", 50);
        long qid = centre.queue("leads", "progressive");
        centre.client.queues().update(List.of(Map.of("qid", qid, "max_attempts", 2,
                "retry_minutes", 5)));
        centre.agents(qid, 2);
        List<Long> leads = centre.leads(ds, 16);
        centre.live(qid, ds);

        DiallerEngine engine = engine(DialGuard.OFF, server.clock.instant(), 13);
        EngineCentre.run(engine, Duration.ofHours(3));
        engine.close();

        Map<Long, Integer> calls = new HashMap<>();
        Set<Long> completedByCall = new HashSet<>();
        for (var cdr : cdrs(api.ccid)) {
            calls.merge(cdr.value1(), 1, Integer::sum);
            if (Boolean.TRUE.equals(cdr.value2())) {
                completedByCall.add(cdr.value1());
            }
        }
        api.login();
        JsonNode list = api.read("ecnow.php", "ecnow_records",
                Map.of("dataset", "" + ds, "limit", "100")).get("list");
        int spent = 0;
        for (JsonNode item : list) {
            long id = item.get("id").asLong();
            int n = calls.getOrDefault(id, 0);
            assertTrue(n <= 2, "record " + id + " dialled " + n + " times");
            if (n == 2 && !completedByCall.contains(id)) {
                spent++;
                assertEquals("110", item.get("outcomecode").asText(), item.toString());
                assertEquals("COMPLETE", item.get("ProcessType").asText(), item.toString());
            } else {
                assertFalse(item.get("outcomecode").asText().equals("110"), item.toString());
            }
        }
        assertEquals(leads.size(), list.size());
        assertTrue(spent > 0, "no record spent its attempts: " + calls);
    }

    @Test
    void aQueuesAmdFalsePositiveRateIsWhatItsMetersCount() {
        Instant t0 = server.clock.instant();
        Api api = server.newCentre("Meters");
        EngineCentre centre = new EngineCentre(server, api);
        centre.table("leads");
        long usual = centre.queue("leads", "predictive");
        long doubtful = centre.queue("leads", "predictive");
        centre.client.queues().update(List.of(Map.of("qid", doubtful, "amd_fp_rate", 50)));
        for (long qid : List.of(usual, doubtful)) {
            EngineCentre.history(server, api.ccid, qid, t0, "Answered", 10, 0);
            EngineCentre.history(server, api.ccid, qid, t0, "Abandoned", 2, 0);
            EngineCentre.history(server, api.ccid, qid, t0, "Answer Machine", 8,
                    Outcome.ANSWER_MACHINE_DIALLER.id());
            centre.live(qid);
        }

        DiallerEngine engine = engine(DialGuard.OFF, t0, 3);
        engine.scheduler().advance(Duration.ofSeconds(6));
        Map<Long, LiveBoard.Meters> meters = new HashMap<>();
        engine.meters(api.ccid).forEach(m -> meters.put(m.qid(), m));
        engine.close();

        // 12 live answers (the abandons among them), 2 abandoned, 8 machines of which the
        // estimate are persons nobody took: (2 + 8p) / (12 + 8p).
        double atFive = 100 * (2 + 8 * 0.05) / (12 + 8 * 0.05);
        double atFifty = 100 * (2 + 8 * 0.5) / (12 + 8 * 0.5);
        assertEquals(atFive, meters.get(usual).rate24h(), 1e-9);
        assertEquals(atFive, meters.get(usual).rate30d(), 1e-9);
        assertEquals(atFifty, meters.get(doubtful).rate24h(), 1e-9);
        assertEquals(atFifty, meters.get(doubtful).rate30d(), 1e-9);
    }

    @Test
    void aRecordsTimezoneFieldDecidesWhenTheEngineDialsIt() {
        // Monday 10:30 UTC in June: 18:30 in Perth (UTC+8), inside the AU weekday window to
        // 20:00; 20:30 in Sydney and later still on Lord Howe, outside it. An AU mobile may ring
        // in any of them, so only the records that name Perth may be called until 12:00 UTC.
        Instant start = Instant.parse("2024-06-10T10:30:00Z");
        server.clock.set(start);
        Api api = server.newCentre("Zones", "Australia/Sydney", "AU");
        EngineCentre centre = new EngineCentre(server, api);
        centre.table("leads");
        centre.client.call("ecnow.php", "campaign_fields", "create", Map.of("table", "leads",
                "name", "timezone", "type", "varchar", "size", "64"));
        long ds = centre.dataset("leads", "All", 50);
        long qid = centre.queue("leads", "progressive");
        centre.agents(qid, 2);
        Set<Long> perth = new HashSet<>();
        for (int i = 0; i < 15; i++) {
            String zone = i % 3 == 0 ? "Australia/Perth" : i % 3 == 1 ? "Australia/Sydney" : "";
            String row = "[{\"dataset\":" + ds + ",\"MobilePhone\":\"0412 345 6" + (10 + i)
                    + "\"" + (zone.isEmpty() ? "" : ",\"timezone\":\"" + zone + "\"") + "}]";
            long id = api.write("ecnow.php", "ecnow_records", "create", row).get("key").asLong();
            if (zone.equals("Australia/Perth")) {
                perth.add(id);
            }
        }
        centre.live(qid, ds);

        DiallerEngine engine = engine(new ComplianceGuard(server.server().database(),
                server.server().tenancy()), start, 5);
        EngineCentre.run(engine, Duration.ofMinutes(40));
        engine.close();

        Set<Long> dialled = new HashSet<>();
        cdrs(api.ccid).forEach(cdr -> dialled.add(cdr.value1()));
        assertEquals(perth, dialled);
    }
}
