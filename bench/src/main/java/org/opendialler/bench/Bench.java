package org.opendialler.bench;

import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The benchmarks' entry point: {@code Bench [smoke|medium|full] [h2|pg|both] [names...]} runs
 * the benchmarks named (all by default) and prints one table of figures, baselines and ratios.
 */
public final class Bench {

    static final Set<String> ALL = Set.of("ingest", "read", "claims", "report", "memory");

    private Bench() {
    }

    public static void main(String[] args) {
        Setting setting = Setting.named(args.length > 0 ? args[0] : "smoke");
        String dbs = args.length > 1 ? args[1] : "h2";
        Set<String> names = args.length > 2 ? Set.of(args).stream()
                .filter(ALL::contains).collect(java.util.stream.Collectors.toSet()) : ALL;
        List<Result> results = run(setting, dbs, names);
        System.out.println(table(setting, results));
    }

    /** Runs the benchmarks on H2, PostgreSQL or both ({@code h2}, {@code pg}, {@code both}). */
    public static List<Result> run(Setting setting, String dbs, Set<String> names) {
        List<Result> results = new ArrayList<>();
        MemoryBench.watchHeap();
        if (!"pg".equals(dbs)) {
            results.addAll(onOneDatabase(setting, false, names));
        }
        if (!"h2".equals(dbs)) {
            results.addAll(onOneDatabase(setting, true, names));
        }
        if (names.contains("memory")) {
            results.add(MemoryBench.heap());
            if (setting != Setting.SMOKE) {
                // A second JVM on a fresh data directory: most of the smoke test's time.
                results.add(MemoryBench.firstAnswer());
            }
        }
        return results;
    }

    private static List<Result> onOneDatabase(Setting setting, boolean postgres,
            Set<String> names) {
        List<Result> results = new ProgressList();
        try (BenchServer server = BenchServer.start(postgres)) {
            boolean ingest = names.contains("ingest") || names.contains("read");
            if (ingest || names.contains("claims")) {
                // The ingest writes each row twice (over HTTP and by the JDBC baseline), so
                // half the claims' LIVE records a pass; claims alone ingest only what they need.
                int claimRows = names.contains("claims") ? setting.claimRecords() / 2 : 0;
                results.addAll(new IngestBench(server).run(ingest
                        ? Math.max(setting.ingestRows(), claimRows) : claimRows));
            }
            if (names.contains("read")) {
                results.addAll(new ReadBench(server).run(setting.readSeconds(),
                        setting.readWarmUpSeconds()));
            }
            if (names.contains("claims")) {
                results.addAll(new ClaimsBench(server).run(setting.claimAgents(),
                        setting.claims()));
            }
            if (names.contains("report")) {
                results.addAll(new ReportBench(server).run(postgres ? setting.reportRows()
                        : Math.min(setting.reportRows(), setting.reportRowsH2())));
            }
        }
        return results;
    }

    /** Prints each result to stderr as it comes, so that a long run shows its progress. */
    private static final class ProgressList extends ArrayList<Result> {

        @Override
        public boolean addAll(java.util.Collection<? extends Result> more) {
            more.forEach(r -> System.err.printf(Locale.ROOT, "%s %s %s: %.1f (baseline %.1f)%n",
                    r.benchmark(), r.db(), r.what(), r.figure(), r.baseline()));
            return super.addAll(more);
        }
    }

    static String table(Setting setting, List<Result> results) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "OpenDialler benchmarks, setting %s, %s, %d cores, max heap %d MB%n",
                setting.name(), ZonedDateTime.now().toLocalDate(),
                Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() / 1048576));
        String format = "%-8s %-10s %-46s %12s %12s %7s  %-22s %-4s %s%n";
        out.append(String.format(Locale.ROOT, format, "bench", "db", "figure", "value",
                "baseline", "ratio", "target", "met", "note"));
        for (Result r : results) {
            out.append(String.format(Locale.ROOT, format, r.benchmark(), r.db(), r.what(),
                    String.format(Locale.ROOT, "%.1f", r.figure()),
                    r.baseline() == 0 ? "-" : String.format(Locale.ROOT, "%.1f", r.baseline()),
                    r.baseline() == 0 ? "-" : String.format(Locale.ROOT, "%.2f", r.ratio()),
                    r.target(), r.met() == null ? "-" : r.met() ? "yes" : "NO", r.note()));
        }
        return out.toString();
    }
}
