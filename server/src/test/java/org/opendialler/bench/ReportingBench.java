package org.opendialler.bench;

import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.sum;
import static org.jooq.impl.DSL.table;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.jooq.Cursor;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Record3;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.opendialler.reporting.Cdr;
import org.opendialler.reporting.CdrStore;
import org.opendialler.testing.Api;
import org.opendialler.testing.TestServer;

/**
 * Times the {@code calls} report grouped by queue and day over N CDRs of one centre in one
 * month, against a plain SQL GROUP BY over the same rows, and against aggregating in Java
 * while streaming the rows. Run it with bench/reporting.sh; it is skipped in normal builds.
 */
class ReportingBench {

    private static final Instant MONTH = Instant.parse("2026-03-01T00:00:00Z");
    private static final Field<Long> CCID = field(name("ccid"), Long.class);
    private static final Field<Long> QID = field(name("qid"), Long.class);
    private static final Field<Long> T_INIT = field(name("t_init_ms"), Long.class);
    private static final Field<Long> MS_DUR = field(name("ms_dur"), Long.class);
    private static final Field<Long> LOC_MINUTE = field(name("loc_minute"), Long.class);

    @Test
    @EnabledIfSystemProperty(named = "opendialler.bench", matches = "true")
    void callsByQueueAndDay() {
        int rows = Integer.getInteger("bench.rows", 200_000);
        try (TestServer server = TestServer.start()) {
            Api api = server.newCentre("Bench", "Europe/London", "GB");
            DSLContext dsl = server.server().database().dsl();
            long insertMs = time(() -> insert(dsl, api.ccid, rows));
            long start = MONTH.getEpochSecond();
            long stop = start + Duration.ofDays(31).getSeconds() - 1;

            // Each run asks a range one second shorter: H2 would otherwise hand back the
            // cached result of an identical query on unchanged tables.
            AtomicLong end = new AtomicLong(stop);
            String url = "/reporting.php?token=" + api.token + "&method=calls&groupby=qid,P1D"
                    + "&fields=qid,P1D," + METRICS + "&range=" + start + ":";
            long report = best(() -> checked(api.get(url + end.decrementAndGet())));
            long baseline = best(() -> baseline(dsl, api.ccid, start, end.decrementAndGet()));
            long streamed = best(() -> streamed(dsl, api.ccid, start, end.decrementAndGet()));

            System.out.printf("ReportingBench db=%s rows=%d cores=%d%n",
                    TestServer.onPostgres() ? "postgresql" : "h2", rows,
                    Runtime.getRuntime().availableProcessors());
            System.out.printf("  insert            %8d ms (%.0f rows/s)%n", insertMs,
                    rows * 1000.0 / Math.max(1, insertMs));
            System.out.printf("  baseline SQL      %8d ms (GROUP BY qid, local day; count, sum)%n",
                    baseline);
            System.out.printf("  calls report HTTP %8d ms (40 metrics)  ratio %.2f%n", report,
                    (double) report / Math.max(1, baseline));
            System.out.printf("  Java streaming    %8d ms (cursor, zone per row, HashMap)"
                    + "  ratio %.2f%n", streamed, (double) streamed / Math.max(1, baseline));
        }
    }

    private static final String METRICS = "nc_all,nc_in,nc_out,nc_out_all,nc_sms_out,nc_man,"
            + "nc_tpt,nc_dtpt,nc_wait,nc_wrap,nc_con,nc_ans,nc_ans_in,nc_ans_man,nc_que,"
            + "nc_ans_le,nc_ans_gt,nc_que_le,nc_que_gt,sec_dur,sec_talk_all,sec_talk,sec_tpt,"
            + "sec_call,sec_ans,oc_abdn,oc_cbck,oc_ama,oc_amd,oc_dead,oc_noansw,oc_sale,oc_cmpl,"
            + "oc_cmpli,oc_ncmpl,oc_dmc,cost_cust,bill_cust,bill_dur,callid_max";

    private static void insert(DSLContext dsl, long ccid, int rows) {
        Random random = new Random(1);
        String[] dtypes = {"in", "out", "man", "tpt", "sms_out"};
        long span = Duration.ofDays(31).toMillis();
        for (int from = 0; from < rows; from += 5000) {
            List<Cdr> batch = new ArrayList<>();
            for (int i = from; i < Math.min(rows, from + 5000); i++) {
                String dtype = dtypes[random.nextInt(dtypes.length)];
                Instant init = MONTH.plusMillis((long) (random.nextDouble() * span));
                boolean answered = random.nextBoolean();
                batch.add(Cdr.builder().ccid(ccid).callid(1_000_000_000L + i)
                        .qid(700 + random.nextInt(20)).qnm("Queue").dtype(dtype)
                        .ctype("in".equals(dtype) ? "in" : "out")
                        .aid(random.nextInt(50)).tmInit(init)
                        .tmAnsw(answered ? init.plusMillis(random.nextInt(20_000)) : null)
                        .duration(Duration.ofMillis(random.nextInt(600_000)))
                        .talk(Duration.ofMillis(random.nextInt(300_000)))
                        .queue(Duration.ofMillis(random.nextInt(40_000)))
                        .ocid(random.nextBoolean() ? 0 : 500200).ocComplete(true)
                        .costCust(BigDecimal.valueOf(random.nextInt(1000), 4)).build());
                if (batch.get(batch.size() - 1).ocid() == 0) {
                    batch.set(batch.size() - 1, batch.get(batch.size() - 1).toBuilder()
                            .ocComplete(false).build());
                }
            }
            dsl.transaction(c -> CdrStore.insertAll(c.dsl(), batch));
        }
    }

    private static void baseline(DSLContext dsl, long ccid, long start, long stop) {
        Field<Long> day = LOC_MINUTE.div(inline(1440L));
        dsl.select(QID, day, count(), sum(MS_DUR)).from(table(name("cdr")))
                .where(CCID.eq(ccid), T_INIT.between(start * 1000, stop * 1000 + 999))
                .groupBy(QID, day).fetch();
    }

    /** The rejected alternative: stream rows and bucket each in the zone in Java. */
    private static void streamed(DSLContext dsl, long ccid, long start, long stop) {
        ZoneId zone = ZoneId.of("Europe/London");
        Map<String, long[]> groups = new HashMap<>();
        try (Cursor<Record3<Long, Long, Long>> cursor = dsl.select(QID, T_INIT, MS_DUR)
                .from(table(name("cdr")))
                .where(CCID.eq(ccid), T_INIT.between(start * 1000, stop * 1000 + 999))
                .fetchSize(5000).fetchLazy()) {
            for (Record r : cursor) {
                LocalDate d = Instant.ofEpochMilli(r.get(T_INIT)).atZone(zone).toLocalDate();
                long[] g = groups.computeIfAbsent(r.get(QID) + "|" + d, k -> new long[2]);
                g[0]++;
                g[1] += r.get(MS_DUR);
            }
        }
    }

    private static void checked(Api.Response r) {
        if (!r.body().contains("\"success\":true")) {
            throw new AssertionError(r.body());
        }
    }

    /** The best of three timed runs after one warm-up, in milliseconds. */
    private static long best(Runnable work) {
        work.run();
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            best = Math.min(best, time(work));
        }
        return best;
    }

    private static long time(Runnable work) {
        LongSupplier now = System::nanoTime;
        long t0 = now.getAsLong();
        work.run();
        return (now.getAsLong() - t0) / 1_000_000;
    }
}
