package org.opendialler.bench;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.exception.DataAccessException;
import org.opendialler.compliance.DialGuard;
import org.opendialler.dialler.ClaimBatch;
import org.opendialler.dialler.ClaimedRecord;
import org.opendialler.dialler.QueueSettings;
import org.opendialler.dialler.RecordClaims;
import org.opendialler.dialler.SqlRecordClaims;
import org.opendialler.store.Database;
import org.opendialler.store.DbConfig;

/**
 * Next-record claims by waiting agents spread over two engine instances (two connection pools)
 * on one PostgreSQL, counting records handed to agents per second and any handed out twice:
 * the bare loop (the baseline), the engine's claim batch per node (what its dialler draws
 * from), and the engine's claims without a batch, ten agents a claim.
 */
final class ClaimsBench {

    private static final Table<?> RECORDS = table(name("records"));
    private static final Field<Long> ID = field(name("id"), Long.class);
    private static final Field<Long> CCID = field(name("ccid"), Long.class);
    private static final Field<String> PROCESSTYPE = field(name("processtype"), String.class);
    private static final Field<Long> LEASE_UNTIL = field(name("lease_until"), Long.class);
    private static final Field<String> CLAIMED_BY = field(name("claimed_by"), String.class);
    private static final int POOL_PER_INSTANCE = 16;
    /** Agents served by one engine claim without a claim batch, as the dialler's pacing asks. */
    private static final int AGENTS_A_CLAIM = 10;
    /**
     * The most records a claim batch's refill takes beyond what is asked: the engine's own
     * setting unless {@code -Dopendialler.bench.claimBatch=N} says otherwise.
     */
    static final int BATCH = Integer.getInteger("opendialler.bench.claimBatch", ClaimBatch.MOST);

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
        Refills refills = new Refills();
        Outcome batched = measure(batched(qid, refills), agents, 1, claims);
        release();
        Outcome unbatched = measure(engine(qid), agents, AGENTS_A_CLAIM, claims);
        return List.of(result("claims/s engine, batch of " + BATCH + " per node", batched, bare,
                        agents, refills.describe()),
                result("claims/s engine, no batch, " + AGENTS_A_CLAIM + " agents a claim",
                        unbatched, bare, agents, ""));
    }

    private Result result(String what, Outcome engine, Outcome bare, int agents,
            String more) {
        return new Result("claims", server.dbName(), what, engine.rate, bare.rate, "claims/s",
                ">= 5000/s, 0 twice", engine.rate >= 5_000 && engine.duplicates == 0
                        && bare.duplicates == 0,
                engine.claims + " claims, " + agents + " agents, " + more + engine.duplicates
                        + " claimed twice (bare " + bare.duplicates + "), " + engine.live
                        + " LIVE" + (engine.failed + bare.failed == 0 ? "" : ", failed claims "
                        + engine.failed + " (bare " + bare.failed + ")"));
    }

    /**
     * ENGINE CLAIM: the engine's SqlRecordClaims of one queue, one per engine instance, with the
     * compliance guard switched off (the bench centre has no calling windows to judge).
     */
    private Claim engine(long qid) {
        Map<Database, SqlRecordClaims> byInstance = new ConcurrentHashMap<>();
        return (db, ccid, agents, leaseUntil) -> byInstance.computeIfAbsent(db,
                d -> claims(d, qid))
                .claim(null, agents.size(), Set.copyOf(agents), true).stream()
                .map(ClaimedRecord::recordId).toList();
    }

    private SqlRecordClaims claims(Database db, long qid) {
        return new SqlRecordClaims(db, server.ccid, new SqlRecordClaims.QueueRules(qid,
                IngestBench.TABLE, 100, 0), "node-" + System.identityHashCode(db),
                DialGuard.OFF, Clock.systemUTC(), Duration.ofHours(1));
    }

    /**
     * ENGINE CLAIM BATCH: what the engine's dialler draws from, one claim batch of the queue per
     * engine instance over its SqlRecordClaims; every agent asks it for one record. Counts the
     * refills, each one claim transaction.
     */
    private Claim batched(long qid, Refills refills) {
        Map<Database, ClaimBatch> byInstance = new ConcurrentHashMap<>();
        return (db, ccid, agents, leaseUntil) -> byInstance.computeIfAbsent(db,
                d -> new ClaimBatch(counted(claims(d, qid), refills), BATCH,
                        Clock.systemUTC()))
                .claim(null, agents.size(), Set.copyOf(agents), true).stream()
                .map(ClaimedRecord::recordId).toList();
    }

    /** How many refills the claim batches made, and the time they took. */
    private static final class Refills {

        final AtomicInteger count = new AtomicInteger();
        final AtomicLong nanos = new AtomicLong();

        String describe() {
            return String.format(Locale.ROOT, "%d refills of %.1f ms mean, ", count.get(),
                    count.get() == 0 ? 0 : nanos.get() / 1e6 / count.get());
        }
    }

    private static RecordClaims counted(SqlRecordClaims claims, Refills refills) {
        return new RecordClaims() {
            @Override
            public List<ClaimedRecord> claim(QueueSettings queue, int max, Set<Long> agents,
                    boolean agentGuaranteed) {
                long start = System.nanoTime();
                try {
                    return claims.claim(queue, max, agents, agentGuaranteed);
                } finally {
                    refills.count.incrementAndGet();
                    refills.nanos.addAndGet(System.nanoTime() - start);
                }
            }

            @Override
            public void release(ClaimedRecord record) {
                claims.release(record);
            }

            @Override
            public void releaseAll(Collection<ClaimedRecord> records) {
                claims.releaseAll(records);
            }

            @Override
            public void renew(Collection<ClaimedRecord> records) {
                claims.renew(records);
            }
        };
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

    /** What a phase did; {@code failed} counts claims that failed (a pool timeout). */
    private record Outcome(double rate, int claims, int duplicates, int live, int failed) {
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
            AtomicInteger failed = new AtomicInteger();
            List<Thread> threads = new ArrayList<>();
            for (int a = 0; a < agents; a += perClaim) {
                Database instance = (a / perClaim) % 2 == 0 ? one : two;
                List<Long> group = new ArrayList<>();
                for (long g = a; g < Math.min(agents, a + perClaim); g++) {
                    group.add(g + 1);
                }
                threads.add(new Thread(() -> {
                    while (left.getAndAdd(-group.size()) > 0) {
                        List<Long> ids;
                        try {
                            ids = claim.next(instance, server.ccid, group, Long.MAX_VALUE);
                        } catch (DataAccessException e) {
                            // A loaded machine can keep a connection past the pool's timeout:
                            // the agent asks again, and the note says how often it happened.
                            failed.incrementAndGet();
                            left.addAndGet(group.size());
                            continue;
                        }
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
                    live, failed.get());
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
