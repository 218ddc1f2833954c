package org.opendialler.dialler;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.jooq.Field;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.opendialler.compliance.DialGuard;
import org.opendialler.testing.Api;
import org.opendialler.testing.TestServer;

/** The SQL claims on the real database: leases and the sweep. */
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
}
