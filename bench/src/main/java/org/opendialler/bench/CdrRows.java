package org.opendialler.bench;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Random;
import org.opendialler.reporting.Cdr;

/**
 * The same pseudo-random CDRs every time for a seed: one centre, 20 queues in four campaign
 * tables, over March 2026 in the centre's zone (Europe/London). Calls come in the order they
 * start, evenly spread over the month, as a dialler writes them: the report's slots then take
 * a few rows a batch, not one a call, so ten million CDRs load in minutes, not hours.
 */
final class CdrRows {

    static final Instant MONTH = Instant.parse("2026-03-01T00:00:00Z");
    static final long SPAN_MS = Duration.ofDays(31).toMillis();
    static final ZoneId ZONE = ZoneId.of("Europe/London");
    private static final String[] DTYPES = {"in", "out", "man", "tpt", "sms_out"};

    /** One generated call; instants in Unix milliseconds, durations in milliseconds. */
    record Row(long callid, long qid, String qtable, String qnm, String dtype, long aid,
            long tInit, Long tAnsw, long msDur, long msTalk, long msTpt, long msWrap,
            long msWait, long msQue, long ocid, boolean ocComplete, boolean ocSale,
            BigDecimal costCust) {

        /** The local day in the centre's zone, as days since 1970-01-01. */
        long localDay() {
            return Instant.ofEpochMilli(tInit).atZone(ZONE).toLocalDate().toEpochDay();
        }

        Cdr cdr(long ccid) {
            return Cdr.builder().ccid(ccid).callid(callid).qid(qid).qtable(qtable).qnm(qnm)
                    .dtype(dtype).ctype("in".equals(dtype) ? "in" : "out").aid(aid)
                    .tmInit(Instant.ofEpochMilli(tInit))
                    .tmAnsw(tAnsw == null ? null : Instant.ofEpochMilli(tAnsw))
                    .duration(Duration.ofMillis(msDur)).talk(Duration.ofMillis(msTalk))
                    .tpt(Duration.ofMillis(msTpt)).wrap(Duration.ofMillis(msWrap))
                    .waitTime(Duration.ofMillis(msWait)).queue(Duration.ofMillis(msQue))
                    .ocid(ocid).ocComplete(ocComplete).ocSale(ocSale).costCust(costCust)
                    .build();
        }
    }

    private final Random random;
    private final double spacingMs;
    private long made;

    /** @param rows how many calls the month holds */
    CdrRows(long seed, int rows) {
        this.random = new Random(seed);
        this.spacingMs = (double) SPAN_MS / rows;
    }

    Row next() {
        long qid = 700 + random.nextInt(20);
        String dtype = DTYPES[random.nextInt(DTYPES.length)];
        long init = MONTH.toEpochMilli() + (long) ((made + random.nextDouble()) * spacingMs);
        Long answ = random.nextBoolean() ? init + random.nextInt(20_000) : null;
        boolean outcome = random.nextBoolean();
        made++;
        return new Row(1_000_000_000L + made, qid, "table" + (qid % 4), "Queue " + qid, dtype,
                random.nextInt(50), init, answ, random.nextInt(600_000),
                random.nextInt(300_000), random.nextInt(4) == 0 ? random.nextInt(60_000) : 0,
                random.nextInt(30_000), random.nextInt(3) == 0 ? random.nextInt(9_000) : 0,
                random.nextInt(40_000), outcome ? 500_200 : 0, outcome && random.nextBoolean(),
                outcome && random.nextInt(5) == 0,
                BigDecimal.valueOf(random.nextInt(1000), 4));
    }
}
