package org.opendialler.bench;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.jooq.Field;

/**
 * ecnow_records read by id from 64 connections, against token.php validate from the same 64
 * connections: a route that goes through the same router, token check and envelope writer but
 * reads no record, so the ratio is the price of the record read itself. The load comes from
 * {@link Wrk}, in a process of its own. Each route runs {@link #ROUNDS} rounds, alternating,
 * so that both meet the same share of a shared machine's drifting load and of the JIT's late
 * compilations of the code they share; one phase after the other gave the second phase the
 * other's warm-up.
 */
final class ReadBench {

    static final int CONNECTIONS = 64;
    static final int ROUNDS = 4;
    private static final int MOST_IDS = 100_000;
    private static final Field<Long> ID = field(name("id"), Long.class);
    private static final Field<Long> CCID = field(name("ccid"), Long.class);

    private final BenchServer server;

    ReadBench(BenchServer server) {
        this.server = server;
    }

    List<Result> run(int roundSeconds, int warmUpSeconds) {
        Wrk wrk = Wrk.find().orElse(null);
        if (wrk == null) {
            return skipped();
        }
        Path ids = idFile();
        String read = "/ecnow.php?method=ecnow_records&action=read&format=json&token="
                + server.token + "&table=" + IngestBench.TABLE + "&id=";
        String validate = "/token.php?action=validate&format=json&token=" + server.token;
        String base = server.server.baseUrl();

        wrk.run(base, CONNECTIONS, warmUpSeconds, read, ids);
        wrk.run(base, CONNECTIONS, warmUpSeconds, validate, null);
        List<Wrk.Run> reads = new ArrayList<>();
        List<Wrk.Run> validates = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            reads.add(wrk.run(base, CONNECTIONS, roundSeconds, read, ids));
            validates.add(wrk.run(base, CONNECTIONS, roundSeconds, validate, null));
        }

        return results(Wrk.Run.of(reads), Wrk.Run.of(validates), roundSeconds);
    }

    /** Without wrk the benchmark says so; under CI, where .ci/run installs it, it fails. */
    private List<Result> skipped() {
        if ("true".equals(System.getenv("CI"))) {
            throw new IllegalStateException("the read benchmark needs wrk on the PATH");
        }
        return List.of(Result.alone("read", server.dbName(), "skipped: wrk not installed", 0,
                "", "p99 < 20 ms", null, "apt-get install wrk"));
    }

    private Path idFile() {
        List<Long> ids = server.server.database().dsl().select(ID)
                .from(table(name("records"))).where(CCID.eq(server.ccid)).limit(MOST_IDS)
                .fetch(ID);
        try {
            Path file = Files.createTempFile("opendialler-read-ids", ".txt");
            file.toFile().deleteOnExit();
            return Files.writeString(file, ids.stream().map(String::valueOf)
                    .collect(Collectors.joining("\n", "", "\n")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<Result> results(Wrk.Run reads, Wrk.Run baseline, int roundSeconds) {
        String db = server.dbName();
        double ratio = reads.rate() / baseline.rate();
        double p99 = reads.percentileMs(99);
        return List.of(
                new Result("read", db, "req/s read by id vs token validate", reads.rate(),
                        baseline.rate(), "req/s", ">= 0.5x", ratio >= 0.5,
                        reads.requests() + " requests, " + CONNECTIONS + " connections (wrk), "
                                + ROUNDS + " alternating rounds of " + roundSeconds + " s"),
                new Result("read", db, "p99 ms read by id vs token validate", p99,
                        baseline.percentileMs(99), "ms", "p99 < 20 ms", p99 < 20,
                        String.format(Locale.ROOT, "mean %.1f ms vs %.1f ms; p50 %.1f vs %.1f",
                                reads.meanMs(), baseline.meanMs(), reads.percentileMs(50),
                                baseline.percentileMs(50))));
    }
}
