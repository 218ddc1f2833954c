package org.opendialler.bench;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;
import org.opendialler.compliance.DialGuard;
import org.opendialler.dialler.ClaimedRecord;
import org.opendialler.dialler.SqlRecordClaims;
import org.opendialler.store.Database;
import org.opendialler.store.DbConfig;

/**
 * Next-record claims by waiting agents spread over two engine instances (two connection pools)
 * on one PostgreSQL, counting claims per second and any record claimed twice.
 */
final class ClaimsBench {

    private static final Table<?> RECORDS = table(name("records"));
    private static final Field<Long> ID = field(name("id"), Long.class);
    private static final Field<Long> CCID = field(name("ccid"), Long.class);
    private static final Field<String> PROCESSTYPE = field(name("processtype"), String.class);
    private static final Field<Long> LEASE_UNTIL = field(name("lease_until"), Long.class);
    private static final Field<String> CLAIMED_BY = field(name("claimed_by"), String.class);
    private static final int POOL_PER_INSTANCE = 16;
    /** Agents served by one engine claim when claims are batched, as the dialler's pacing asks. */
    private static final int BATCH = 10;

    /** Claims records for a group of agents on one engine instance; empty when none is left. */
    interface Claim {
        List<Long> next(Database instance, long ccid, List<Long> agents, long leaseUntil);
    }

    /**
     * The baseline: the barest claim there is. It takes any unleased record of the centre, with
     * no claim order, no calling-window or compliance rule, and marks its lease.
     */
    static final Claim BARE = (db, ccid, agents, leaseUntil) -> db.dsl().transactionResult(c -> {
        Long id = c.dsl().select(ID).from(RECORDS)
                .where(CCID.eq(ccid), PROCESSTYPE.in("New Prospect", "NEEDSMOREWORK"),
                        LEASE_UNTIL.isNull())
                .limit(1).forUpdate().skipLocked().fetchOne(ID);
        if (id == null) {
            return List.<Long>of();
        }
        c.dsl().update(RECORDS).set(LEASE_UNTIL, leaseUntil)
                .set(CLAIMED_BY, "agent-" + agents.get(0)).where(ID.eq(id)).execute();
        return List.of(id);
    });

    private final BenchServer server;

    ClaimsBench(BenchServer server) {
        this.server = server;
    }

    List<Result> run(int agents, int claims) {
        if (!server.db().isPostgres()) {
            return List.of();
        }
        long qid = putDatasetsInQueue();
        Outcome bare = measure(BARE, agents, 1, claims);
        release();
        Outcome one = measure(engine(qid), agents, 1, claims);
        release();
        Outcome batched = measure(engine(qid), agents, BATCH, claims);
        return List.of(result("claims/s engine, 1 a transaction", one, bare, agents),
                result("claims/s engine, " + BATCH + " agents a transaction", batched, bare,
                        agents));
    }

    private Result result(String what, Outcome engine, Outcome bare, int agents) {
        return new Result("claims", server.dbName(), what, engine.rate, bare.rate, "claims/s",
                ">= 5000/s, 0 twice", engine.rate >= 5_000 && engine.duplicates == 0
                        && bare.duplicates == 0,
                engine.claims + " claims, " + agents + " agents, " + engine.duplicates
                        + " claimed twice (bare " + bare.duplicates + "), " + engine.live
                        + " LIVE");
    }

    /**
     * ENGINE CLAIM: the engine's SqlRecordClaims of one queue, one per engine instance, with the
     * compliance guard switched off (the bench centre has no calling windows to judge).
     */
    private Claim engine(long qid) {
        Map<Database, SqlRecordClaims> byInstance = new ConcurrentHashMap<>();
        Clock clock = Clock.systemUTC();
        return (db, ccid, agents, leaseUntil) -> byInstance.computeIfAbsent(db,
                d -> new SqlRecordClaims(d, ccid, new SqlRecordClaims.QueueRules(qid,
                        IngestBench.TABLE, 100, 0), "node-" + System.identityHashCode(d),
                        DialGuard.OFF, clock, Duration.ofHours(1)))
                .claim(null, agents.size(), Set.copyOf(agents), true).stream()
                .map(ClaimedRecord::recordId).toList();
    }

    /** The ingested records' datasets are put in one outbound queue, as a live campaign is. */
    private long putDatasetsInQueue() {
        long qid = 1;
        server.server.database().dsl().update(table(name("datasets")))
                .set(field(name("qid"), Long.class), qid).where(CCID.eq(server.ccid)).execute();
        return qid;
    }

    private void release() {
        server.server.database().dsl().update(RECORDS).setNull(LEASE_UNTIL).setNull(CLAIMED_BY)
                .where(CCID.eq(server.ccid)).execute();
    }

    private record Outcome(double rate, int claims, int duplicates, int live) {
    }

    private Outcome measure(Claim claim, int agents, int perClaim, int claims) {
        int live = server.server.database().dsl().fetchCount(RECORDS,
                CCID.eq(server.ccid).and(LEASE_UNTIL.isNull()));
        DbConfig db = server.db();
        try (Database one = Database.open(db, null, POOL_PER_INSTANCE);
                Database two = Database.open(db, null, POOL_PER_INSTANCE)) {
            Set<Long> claimed = ConcurrentHashMap.newKeySet();
            AtomicInteger left = new AtomicInteger(claims);
            AtomicInteger twice = new AtomicInteger();
            List<Thread> threads = new ArrayList<>();
            for (int a = 0; a < agents; a += perClaim) {
                Database instance = (a / perClaim) % 2 == 0 ? one : two;
                List<Long> group = new ArrayList<>();
                for (long g = a; g < Math.min(agents, a + perClaim); g++) {
                    group.add(g + 1);
                }
                threads.add(new Thread(() -> {
                    while (left.getAndAdd(-group.size()) > 0) {
                        List<Long> ids = claim.next(instance, server.ccid, group, Long.MAX_VALUE);
                        if (ids.isEmpty()) {
                            return;
                        }
                        for (Long id : ids) {
                            if (!claimed.add(id)) {
                                twice.incrementAndGet();
                            }
                        }
                    }
                }));
            }
            long ns = Timer.time(() -> startAndJoin(threads));
            return new Outcome(claimed.size() / Timer.seconds(ns), claimed.size(), twice.get(),
                    live);
        }
    }

    private static void startAndJoin(List<Thread> threads) {
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
