package org.opendialler.bench;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import org.jooq.Field;

/**
 * ecnow_records read by id from 64 concurrent connections, against token.php validate from the
 * same 64 connections: a route that goes through the same router, token check and envelope
 * writer but reads no record, so the ratio is the price of the record read itself. The
 * requests of each are sent in {@link #ROUNDS} rounds, alternating, so that both meet the same
 * share of a shared machine's drifting load and of the JIT's late compilations of the code
 * they share; one phase after the other gave the second phase the other's warm-up.
 */
final class ReadBench {

    static final int CONNECTIONS = 64;
    static final int ROUNDS = 4;
    private static final Field<Long> ID = field(name("id"), Long.class);
    private static final Field<Long> CCID = field(name("ccid"), Long.class);

    private final BenchServer server;

    ReadBench(BenchServer server) {
        this.server = server;
    }

    List<Result> run(int requests) {
        List<Long> ids = server.server.database().dsl().select(ID).from(table(name("records")))
                .where(CCID.eq(server.ccid)).limit(Math.max(1, requests)).fetch(ID);
        String read = "/ecnow.php?method=ecnow_records&action=read&format=json&token="
                + server.token + "&table=" + IngestBench.TABLE + "&id=";
        String validate = "/token.php?action=validate&format=json&token=" + server.token;
        IntFunction<String> readPath = i -> read + ids.get(i % ids.size());
        IntFunction<String> validatePath = i -> validate;

        load(0, Math.min(requests, 2_000), readPath);
        load(0, Math.min(requests, 2_000), validatePath);
        List<Load> reads = new ArrayList<>();
        List<Load> validates = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            int from = requests * round / ROUNDS;
            int to = requests * (round + 1) / ROUNDS;
            reads.add(load(from, to - from, readPath));
            validates.add(load(from, to - from, validatePath));
        }

        return results(Load.of(reads), Load.of(validates), requests);
    }

    private List<Result> results(Load reads, Load baseline, int requests) {
        String db = server.dbName();
        double ratio = reads.rate() / baseline.rate();
        return List.of(
                new Result("read", db, "req/s read by id vs token validate", reads.rate(),
                        baseline.rate(), "req/s", ">= 0.5x", ratio >= 0.5,
                        requests + " requests, " + CONNECTIONS + " connections, " + ROUNDS
                                + " alternating rounds"),
                new Result("read", db, "p99 ms read by id vs token validate", reads.p99Ms(),
                        baseline.p99Ms(), "ms", "p99 < 20 ms", reads.p99Ms() < 20,
                        String.format(Locale.ROOT, "mean %.1f ms vs %.1f ms", reads.meanMs(),
                                baseline.meanMs())));
    }

    /** Requests sent, the time they took together, and each one's latency. */
    private record Load(long ns, long[] latencies) {

        static Load of(List<Load> rounds) {
            long ns = rounds.stream().mapToLong(Load::ns).sum();
            long[] all = rounds.stream().flatMapToLong(r -> Arrays.stream(r.latencies()))
                    .toArray();
            return new Load(ns, all);
        }

        double rate() {
            return latencies.length / Timer.seconds(ns);
        }

        double meanMs() {
            return Timer.millis((long) Arrays.stream(latencies).average().orElse(0));
        }

        double p99Ms() {
            long[] sorted = latencies.clone();
            Arrays.sort(sorted);
            return Timer.millis(sorted[(int) Math.ceil(sorted.length * 0.99) - 1]);
        }
    }

    private Load load(int from, int requests, IntFunction<String> path) {
        long[] latencies = new long[requests];
        ExecutorService pool = Executors.newFixedThreadPool(CONNECTIONS);
        try {
            long ns = Timer.time(() -> runAll(pool, from, path, latencies));
            return new Load(ns, latencies);
        } finally {
            pool.shutdownNow();
        }
    }

    private void runAll(ExecutorService pool, int from, IntFunction<String> path,
            long[] latencies) {
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < CONNECTIONS; t++) {
            int first = t;
            futures.add(pool.submit(() -> {
                for (int i = first; i < latencies.length; i += CONNECTIONS) {
                    String p = path.apply(from + i);
                    latencies[i] = Timer.time(() -> server.http.get(p));
                }
            }));
        }
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (Exception e) {
                throw new IllegalStateException("a request failed", e);
            }
        }
    }
}
