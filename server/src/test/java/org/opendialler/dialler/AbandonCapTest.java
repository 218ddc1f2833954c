package org.opendialler.dialler;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.opendialler.compliance.ComplianceGuard;
import org.opendialler.testing.Api;
import org.opendialler.testing.TestServer;

/**
 * A predictive queue over its abandon cap goes on dialling, one call per waiting agent, until
 * its meters are under the cap again.
 */
class AbandonCapTest {

    /** 10:00 in London on a November day (GMT), inside the UK calling window. */
    private static final Instant LONDON_TEN = Instant.parse("2026-11-04T10:00:00Z");

    private final TestServer server = TestServer.start();
    private final Api api = server.newCentre("Abandon cap");
    private final EngineCentre centre = new EngineCentre(server, api);

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aPredictiveQueueOverItsCapDialsOneCallPerWaitingAgentAndComesBackUnderIt() {
        centre.table("leads");
        centre.outcomes();
        long ds = centre.dataset("leads", "All", 50);
        long qid = centre.queue("leads", "predictive", Map.of("max_ratio", "3"));
        centre.agents(qid, 3);
        centre.leads(ds, 150);
        centre.live(qid, ds);
        server.clock.set(LONDON_TEN);
        // An hour before: 60 live answers of which 2 abandoned, 3.33% and over the 3% cap.
        EngineCentre.history(server, api.ccid, qid, LONDON_TEN, "Answered", 58, 0);
        EngineCentre.history(server, api.ccid, qid, LONDON_TEN, "Abandoned", 2, 0);

        ComplianceGuard guard = new ComplianceGuard(server.server().database(),
                server.server().tenancy());
        DiallerEngine engine = EngineCentre.stepped(server, guard, LONDON_TEN, 11, "n1");
        EngineCentre.run(engine, Duration.ofMinutes(60));
        engine.close();

        var dsl = server.server().database().dsl();
        var ccid = field(name("ccid"), Long.class);
        assertEquals(0, dsl.fetchCount(table(name("records")), ccid.eq(api.ccid),
                field(name("refusal_reason"), String.class).eq("abandon_cap")));

        // The queue never stalls: every ten minutes of the hour some call starts.
        List<Long> starts = dsl.select(field(name("t_init_ms"), Long.class))
                .from(table(name("cdr"))).where(ccid.eq(api.ccid))
                .and(field(name("t_init_ms"), Long.class).ge(LONDON_TEN.toEpochMilli()))
                .fetch(0, Long.class);
        TreeSet<Long> tens = new TreeSet<>();
        starts.forEach(ms -> tens.add((ms - LONDON_TEN.toEpochMilli()) / 600_000));
        assertEquals(new TreeSet<>(List.of(0L, 1L, 2L, 3L, 4L, 5L)), tens,
                "ten-minute periods with a call: " + tens);

        // Counted from the CDRs as compliance.md defines the meter, with the 5% estimate.
        Map<String, Integer> byResult = new HashMap<>();
        dsl.select(field(name("cres"), String.class)).from(table(name("cdr")))
                .where(ccid.eq(api.ccid)).fetch(0, String.class)
                .forEach(cres -> byResult.merge(cres, 1, Integer::sum));
        double hidden = 0.05 * byResult.getOrDefault("Answer Machine", 0);
        int abandoned = byResult.getOrDefault("Abandoned", 0);
        int live = byResult.getOrDefault("Answered", 0) + abandoned;
        double rate = 100 * (abandoned + hidden) / (live + hidden);
        assertTrue(live > 67, "enough live answers to come under the cap: " + byResult);
        assertTrue(rate <= 3.0, "24 h rate " + rate + " from " + byResult);
    }
}
