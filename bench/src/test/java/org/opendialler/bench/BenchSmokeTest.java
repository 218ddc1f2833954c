package org.opendialler.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Runs every benchmark in its smoke setting, so the build proves they still run and that their
 * answers agree with their baselines. Durations are printed, never asserted.
 */
class BenchSmokeTest {

    @Test
    void everyBenchmarkRunsAndAgreesWithItsBaseline() {
        boolean pg = System.getenv("OPENDIALLER_TEST_PG_URL") != null;

        List<Result> results = Bench.run(Setting.SMOKE, pg ? "both" : "h2", Bench.ALL);
        System.out.println(Bench.table(Setting.SMOKE, results));

        Set<String> ran = results.stream().map(Result::benchmark).collect(Collectors.toSet());
        assertEquals(pg ? Bench.ALL : Set.of("ingest", "read", "report", "memory"), ran);
        results.stream().filter(r -> r.benchmark().equals("claims"))
                .forEach(r -> assertTrue(r.note().contains(" 0 claimed twice"), r.note()));
    }
}
