package org.opendialler.dialler;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.opendialler.compliance.DialGuard;
import org.opendialler.testing.Api;
import org.opendialler.testing.TestServer;

/** The SQL claims on the real database: leases, the sweep, and the claim order. */
class SqlRecordClaimsTest {

    private final TestServer server = TestServer.start();
    private final Api api = server.newCentre("Claims");
    private final EngineCentre centre = new EngineCentre(server, api);

    @AfterEach
    void stop() {
        server.close();
    }

    private SqlRecordClaims claims(long qid, String node) {
        return new SqlRecordClaims(server.server().database(), api.ccid,
                new SqlRecordClaims.QueueRules(qid, "leads", 10, 0), node, DialGuard.OFF,
                server.clock, Duration.ofMinutes(5));
    }

    private static List<Long> ids(List<ClaimedRecord> claimed) {
        return claimed.stream().map(ClaimedRecord::recordId).toList();
    }

    private static Field<Long> f(String column) {
        return field(name(column), Long.class);
    }

    @Test
    void aDeadNodesRecordsComeBackOnceItsLeasesRunOutAndAreSwept() {
        centre.table("leads");
        long ds = centre.dataset("leads", "All", 50);
        long qid = centre.queue("leads", "progressive");
        List<Long> leads = centre.leads(ds, 5);
        centre.live(qid, ds);
        SqlRecordClaims dead = claims(qid, "dead");
        SqlRecordClaims alive = claims(qid, "alive");

        List<Long> taken = ids(dead.claim(null, 10, Set.of(), true));
        server.clock.advance(Duration.ofMinutes(4));
        int sweptEarly = alive.sweep();
        List<Long> whileLeased = ids(alive.claim(null, 10, Set.of(), true));
        server.clock.advance(Duration.ofMinutes(2));
        int swept = alive.sweep();
        List<Long> afterSweep = ids(alive.claim(null, 10, Set.of(), true));

        assertEquals(leads, taken);
        assertEquals(0, sweptEarly, "a lease still running is not swept");
        assertEquals(List.of(), whileLeased);
        assertEquals(5, swept);
        assertEquals(leads, afterSweep);
    }

    @Test
    void aClaimBatchHandsOutRecordsInClaimOrder() {
        centre.table("leads");
        long high = centre.dataset("leads", "High", 80);
        long low = centre.dataset("leads", "Low", 10);
        long qid = centre.queue("leads", "progressive");
        Instant now = server.clock.instant();
        List<Long> lows = centre.leads(low, 6);
        List<Long> highs = centre.leads(high, 6);
        centre.callback(low, now.minus(Duration.ofHours(2)), null);
        centre.callback(high, now.minus(Duration.ofHours(1)), null);
        centre.callback(high, now.plus(Duration.ofHours(1)), null);
        DSLContext dsl = server.server().database().dsl();
        // Process dates that disagree with the ids, so that the order must read them.
        Map<Long, Long> dates = Map.of(lows.get(4), 100L, lows.get(1), 200L, highs.get(5), 300L,
                highs.get(0), 400L);
        dates.forEach((id, at) -> dsl.update(table(name("records")))
                .set(f("processdate"), now.getEpochSecond() - at)
                .where(f("id").eq(id), f("ccid").eq(api.ccid)).execute());
        centre.live(qid, high, low);

        ClaimBatch batch = new ClaimBatch(claims(qid, "n1"), 3, server.clock);
        List<Long> handed = new ArrayList<>();
        for (List<ClaimedRecord> next = batch.claim(null, 1, Set.of(1L), true); !next.isEmpty();
                next = batch.claim(null, 1, Set.of(1L), true)) {
            handed.add(next.get(0).recordId());
        }

        Map<Long, Integer> priority = Map.of(high, 80, low, 10);
        ClaimOrder order = ClaimOrder.at(now);
        List<Long> expected = dsl.select(f("id"), f("datasetid"), f("callback"),
                        f("processdate"))
                .from(table(name("records"))).where(f("ccid").eq(api.ccid)).fetch(r ->
                        new ClaimOrder.Candidate(r.value1(), "leads",
                                priority.get(r.value2()), instant(r.value3()),
                                instant(r.value4())))
                .stream().filter(c -> c.callback() == null || order.isDueCallback(c))
                .sorted(order).map(ClaimOrder.Candidate::id).toList();
        assertEquals(14, expected.size());
        assertEquals(expected, handed);
    }

    private static Instant instant(Long epochSecond) {
        return epochSecond == null ? null : Instant.ofEpochSecond(epochSecond);
    }
}
