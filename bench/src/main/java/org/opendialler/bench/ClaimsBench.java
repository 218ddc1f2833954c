package org.opendialler.bench;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;
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

    /** One claim of one record for one agent; empty when nothing is left to claim. */
    interface Claim {
        Optional<Long> next(DSLContext dsl, long ccid, String agent, long leaseUntil);
    }

    /**
     * The baseline: the barest claim there is. It takes any unleased record of the centre, with
     * no claim order, no calling-window or compliance rule, and marks its lease.
     */
    static final Claim BARE = (dsl, ccid, agent, leaseUntil) -> dsl.transactionResult(c -> {
        Long id = c.dsl().select(ID).from(RECORDS)
                .where(CCID.eq(ccid), PROCESSTYPE.in("New Prospect", "NEEDSMOREWORK"), LEASE_UNTIL.isNull())
                .limit(1).forUpdate().skipLocked().fetchOne(ID);
        if (id == null) {
            return Optional.<Long>empty();
        }
        c.dsl().update(RECORDS).set(LEASE_UNTIL, leaseUntil).set(CLAIMED_BY, agent)
                .where(ID.eq(id)).execute();
        return Optional.of(id);
    });

    // ENGINE CLAIM: the engine's SQL RecordClaims (branch `engine`) was not committed when this
    // benchmark was written. Plug it in here as a second Claim (one claim(queue, 1, {agent},
    // true) per call) and add its line next to the baseline in run(); until then the table
    // shows only the baseline.

    private final BenchServer server;

    ClaimsBench(BenchServer server) {
        this.server = server;
    }

    List<Result> run(int agents, int claims) {
        if (!server.db().isPostgres()) {
            return List.of();
        }
        Outcome bare = measure(BARE, agents, claims);
        return List.of(new Result("claims", server.dbName(),
                "claims/s bare SKIP LOCKED loop (engine: not merged)", bare.rate, bare.rate,
                "claims/s", ">= 5000/s, 0 twice", bare.rate >= 5_000 && bare.duplicates == 0,
                bare.claims + " claims, " + agents + " agents, " + bare.duplicates
                        + " claimed twice, " + bare.live + " LIVE"));
    }

    private record Outcome(double rate, int claims, int duplicates, int live) {
    }

    private Outcome measure(Claim claim, int agents, int claims) {
        int live = server.server.database().dsl().fetchCount(RECORDS,
                CCID.eq(server.ccid).and(LEASE_UNTIL.isNull()));
        DbConfig db = server.db();
        try (Database one = Database.open(db, null, POOL_PER_INSTANCE);
                Database two = Database.open(db, null, POOL_PER_INSTANCE)) {
            Set<Long> claimed = ConcurrentHashMap.newKeySet();
            AtomicInteger left = new AtomicInteger(claims);
            AtomicInteger twice = new AtomicInteger();
            List<Thread> threads = new ArrayList<>();
            for (int a = 0; a < agents; a++) {
                DSLContext dsl = (a % 2 == 0 ? one : two).dsl();
                String agent = "agent-" + a;
                threads.add(new Thread(() -> {
                    while (left.getAndDecrement() > 0) {
                        Optional<Long> id = claim.next(dsl, server.ccid, agent, Long.MAX_VALUE);
                        if (id.isEmpty()) {
                            return;
                        }
                        if (!claimed.add(id.get())) {
                            twice.incrementAndGet();
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
