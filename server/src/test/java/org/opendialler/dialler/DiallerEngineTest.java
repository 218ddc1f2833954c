package org.opendialler.dialler;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.opendialler.client.Datasets;
import org.opendialler.compliance.DialGuard;
import org.opendialler.store.Database;
import org.opendialler.testing.Api;
import org.opendialler.testing.TestServer;

/**
 * The invariants of dialler.md "What must never happen", on the simulated carrier with a fixed
 * seed against the real database: the engine is stepped, then the CDRs and records are read.
 */
class DiallerEngineTest {

    private final TestServer server = TestServer.start();
    private final Api api = server.newCentre("Engine");
    private final EngineCentre centre = new EngineCentre(server, api);
    private final Instant t0 = server.clock.instant();

    @AfterEach
    void stop() {
        server.close();
    }

    /** One CDR as the checks read it. */
    record Call(long callid, long urn, long dsid, long qid, long aid, long ocid,
            boolean complete, long init, long disc, String ddi, String qtable) {
    }

    private DiallerEngine engine(String node, long seed) {
        return EngineCentre.stepped(server, DialGuard.OFF, t0, seed, node);
    }


    private List<Call> calls() {
        DSLContext dsl = server.server().database().dsl();
        return dsl.select(f("callid"), f("urn"), f("dsid"), f("qid"), f("aid"), f("ocid"),
                        field(name("oc_complete"), Boolean.class), f("t_init_ms"),
                        f("t_disc_ms"), field(name("ddi"), String.class),
                        field(name("qtable"), String.class))
                .from(table(name("cdr"))).where(f("ccid").eq(api.ccid)).orderBy(f("callid"))
                .fetch(r -> new Call(r.value1(), r.value2(), r.value3(), r.value4(),
                        r.value5(), r.value6(), Boolean.TRUE.equals(r.value7()), r.value8(),
                        r.value9(), r.value10(), r.value11()));
    }

    private static org.jooq.Field<Long> f(String column) {
        return field(name(column), Long.class);
    }

    @Test
    void noRecordIsDialledTwiceAtOnceNorAfterACompleteOutcome() {
        centre.table("leads");
        centre.outcomes();
        long ds = centre.dataset("leads", "All", 50);
        long qid = centre.queue("leads", "predictive");
        centre.agents(qid, 3);
        centre.leads(ds, 40);
        centre.live(qid, ds);

        DiallerEngine engine = engine("local", 11);
        EngineCentre.run(engine, Duration.ofHours(3));

        List<Call> calls = calls();
        assertTrue(calls.size() > 40, "calls: " + calls.size());
        assertNoOverlapPerRecord(calls);
        Map<Long, Long> completedAt = new HashMap<>();
        for (Call c : calls) {
            Long done = completedAt.get(c.urn());
            assertTrue(done == null || c.init() < done, "record " + c.urn()
                    + " dialled after its complete outcome");
            if (c.complete()) {
                completedAt.put(c.urn(), c.disc());
            }
        }
        assertEquals(0, server.server().database().dsl().fetchCount(table(name("calls_open"))));
    }

    @Test
    void twoEnginesSharingOnePostgresNeverDialOneRecordAtOnce() throws Exception {
        assumeTrue(TestServer.onPostgres(), "two server processes share PostgreSQL only");
        centre.table("leads");
        centre.outcomes();
        long ds = centre.dataset("leads", "All", 50);
        long qid = centre.queue("leads", "predictive");
        centre.agents(qid, 3);
        centre.leads(ds, 60);
        centre.live(qid, ds);

        try (Database second = Database.open(server.db(), null, 8)) {
            DiallerEngine a = engine("node-a", 21);
            DiallerEngine b = new DiallerEngine(second, DialGuard.OFF, EngineSettings
                    .defaults().withRealTime(false).withSeed(22).withStart(t0)
                    .withNode("node-b"), server.dataDir(), server.clock);
            b.start();
            EngineCentre.runTogether(Duration.ofHours(2), a, b);
        }

        List<Call> calls = calls();
        assertTrue(calls.size() > 60, "calls: " + calls.size());
        assertNoOverlapPerRecord(new java.util.ArrayList<>(calls));
    }

    static void assertNoOverlapPerRecord(List<Call> calls) {
        Map<Long, List<Call>> byRecord = calls.stream()
                .collect(Collectors.groupingBy(Call::urn));
        for (List<Call> list : byRecord.values()) {
            list.sort((a, b) -> Long.compare(a.init(), b.init()));
            for (int i = 1; i < list.size(); i++) {
                assertTrue(list.get(i).init() >= list.get(i - 1).disc(), "record "
                        + list.get(i).urn() + " dialled twice at once: " + list);
            }
        }
    }

    @Test
    void nothingIsDialledAfterItsDatasetIsHeldOrExpiredOrItsNumberIsListed() {
        centre.table("leads");
        centre.outcomes();
        long held = centre.dataset("leads", "Held", 50);
        long expired = centre.dataset("leads", "Expired", 50);
        long kept = centre.dataset("leads", "Kept", 50);
        long qid = centre.queue("leads", "progressive");
        centre.agents(qid, 2);
        centre.leads(held, 30);
        centre.leads(expired, 30);
        centre.leads(kept, 30);
        centre.live(qid, held, expired, kept);
        DiallerEngine engine = engine("local", 5);
        EngineCentre.run(engine, Duration.ofMinutes(4));

        long cut = engine.now().toEpochMilli();
        centre.client.datasets().setStatus(held, Datasets.Status.HOLD);
        centre.client.datasets().setStatus(expired, Datasets.Status.EXPIRED);
        Set<String> dialled = calls().stream().map(Call::ddi).collect(Collectors.toSet());
        Set<String> listed = java.util.stream.IntStream.range(60, 90)
                .mapToObj(centre::numberOf).filter(n -> !dialled.contains(n)).limit(4)
                .collect(Collectors.toSet());
        assertEquals(4, listed.size());
        listed.forEach(n -> centre.client.dnc().create(List.of(Map.of("ddi", n))));
        EngineCentre.run(engine, Duration.ofHours(2));

        List<Call> after = calls().stream().filter(c -> c.init() > cut).toList();
        assertFalse(after.isEmpty());
        for (Call c : after) {
            assertTrue(c.dsid() == kept, "dialled from dataset " + c.dsid() + " after the cut");
            assertFalse(listed.contains(c.ddi()), "dialled a listed number " + c.ddi());
        }
    }

    @Test
    void dueCallbacksComeFirstAndAgentSpecificOnesOnlyToTheirAgent() {
        centre.table("leads");
        centre.outcomes();
        long ds = centre.dataset("leads", "All", 50);
        long qid = centre.queue("leads", "progressive");
        List<Long> agents = centre.agents(qid, 2);
        centre.leads(ds, 20);
        long older = centre.callback(ds, t0.minus(Duration.ofHours(2)), null);
        long newer = centre.callback(ds, t0.minus(Duration.ofHours(1)), null);
        long mine = centre.callback(ds, t0.minus(Duration.ofMinutes(30)), agents.get(1));
        centre.live(qid, ds);

        DiallerEngine engine = engine("local", 3);
        EngineCentre.run(engine, Duration.ofHours(2));

        List<Call> calls = calls();
        assertEquals(List.of(older, newer), calls.subList(0, 2).stream().map(Call::urn)
                .toList());
        List<Call> specific = calls.stream().filter(c -> c.urn() == mine).toList();
        assertFalse(specific.isEmpty(), "the agent-specific callback was never dialled");
        for (Call c : specific) {
            assertTrue(c.aid() == 0 || c.aid() == agents.get(1), "taken by agent " + c.aid());
        }
    }

    @Test
    void higherPriorityDatasetsGoFirstWithinATableAndNeverAcrossTables() {
        centre.table("leads");
        centre.table("other");
        centre.outcomes();
        long high = centre.dataset("leads", "High", 80);
        long low = centre.dataset("leads", "Low", 10);
        long otherTop = centre.dataset("other", "Top of another table", 90);
        long qid = centre.queue("leads", "progressive");
        long other = centre.queue("other", "progressive");
        centre.agents(qid, 2);
        centre.agents(other, 1);
        List<Long> highIds = centre.leads(high, 8);
        centre.leads(low, 20);
        centre.leads(otherTop, 20);
        centre.live(qid, high, low);
        centre.live(other, otherTop);

        DiallerEngine engine = engine("local", 9);
        EngineCentre.run(engine, Duration.ofHours(1));

        List<Call> calls = calls();
        long lastHighFirst = calls.stream().filter(c -> c.dsid() == high)
                .collect(Collectors.toMap(Call::urn, Call::init, Math::min)).values().stream()
                .mapToLong(Long::longValue).max().orElseThrow();
        long firstLow = calls.stream().filter(c -> c.dsid() == low).mapToLong(Call::init)
                .min().orElseThrow();
        assertEquals(Set.copyOf(highIds), calls.stream().filter(c -> c.dsid() == high)
                .map(Call::urn).collect(Collectors.toSet()));
        assertTrue(lastHighFirst <= firstLow, "a low-priority record went before a high one");
        for (Call c : calls) {
            assertEquals(c.dsid() == otherTop ? other : qid, c.qid());
            assertEquals(c.dsid() == otherTop ? "other" : "leads", c.qtable());
        }
    }
}
