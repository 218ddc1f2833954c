package org.opendialler.bench;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import org.jooq.Field;

/**
 * ecnow_records read by id from 64 concurrent connections, against token.php validate from the
 * same 64 connections: a route that goes through the same router, token check and envelope
 * writer but reads no record, so the ratio is the price of the record read itself.
 */
final class ReadBench {

    static final int CONNECTIONS = 64;
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

        load(Math.min(requests, 2_000), readPath);
        load(Math.min(requests, 2_000), validatePath);
        Load reads = load(requests, readPath);
        Load baseline = load(requests, validatePath);

        String db = server.dbName();
        double ratio = reads.rate / baseline.rate;
        return List.of(
                new Result("read", db, "req/s read by id vs token validate", reads.rate,
                        baseline.rate, "req/s", ">= 0.5x", ratio >= 0.5,
                        requests + " requests, " + CONNECTIONS + " connections"),
                new Result("read", db, "p99 ms read by id vs token validate", reads.p99Ms,
                        baseline.p99Ms, "ms", "p99 < 20 ms", reads.p99Ms < 20, ""));
    }

    private record Load(double rate, double p99Ms) {
    }

    private Load load(int requests, IntFunction<String> path) {
        long[] latencies = new long[requests];
        ExecutorService pool = Executors.newFixedThreadPool(CONNECTIONS);
        try {
            long ns = Timer.time(() -> runAll(pool, requests, path, latencies));
            Arrays.sort(latencies);
            double p99 = Timer.millis(latencies[(int) Math.ceil(requests * 0.99) - 1]);
            return new Load(requests / Timer.seconds(ns), p99);
        } finally {
            pool.shutdownNow();
        }
    }

    private void runAll(ExecutorService pool, int requests, IntFunction<String> path,
            long[] latencies) {
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < CONNECTIONS; t++) {
            int first = t;
            futures.add(pool.submit(() -> {
                for (int i = first; i < requests; i += CONNECTIONS) {
                    String p = path.apply(i);
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
