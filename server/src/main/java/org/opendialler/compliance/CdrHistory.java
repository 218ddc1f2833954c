package org.opendialler.compliance;

import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.max;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.sum;
import static org.jooq.impl.DSL.table;
import static org.jooq.impl.DSL.when;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Record3;
import org.jooq.Table;
import org.opendialler.dialler.AbandonMeter;
import org.opendialler.dialler.Cdr;
import org.opendialler.store.Database;

/**
 * What the call detail records tell the guard: a number's recent abandoned and
 * machine-detected dialler calls, and a queue's abandon rate counted as {@link AbandonMeter}
 * counts it. Only {@code dtype = out} (the dialler's own calls) counts. Thread-safe.
 */
public final class CdrHistory implements AbandonRates {

    static final Duration ABANDON_REPEAT = Duration.ofHours(72);
    static final Duration AMD_REPEAT = Duration.ofHours(24);
    /** The share of machine detections counted as abandoned persons, for a queue with none. */
    static final double FALSE_POSITIVE_ESTIMATE = 0.05;

    private static final Table<Record> CDR = table(name("cdr"));
    private static final Field<Long> CCID = field(name("ccid"), Long.class);
    private static final Field<Long> QID = field(name("qid"), Long.class);
    private static final Field<String> DDI = field(name("ddi"), String.class);
    private static final Field<String> DTYPE = field(name("dtype"), String.class);
    private static final Field<String> CRES = field(name("cres"), String.class);
    private static final Field<Long> T_INIT = field(name("t_init_ms"), Long.class);
    private static final Field<BigDecimal> AMD_FP_RATE =
            field(name("amd_fp_rate"), BigDecimal.class);

    /** A repeat rule that holds a number back until {@code until}. */
    record Block(String number, Reason reason, Instant until) {
    }

    private final Database db;

    public CdrHistory(Database db) {
        this.db = db;
    }

    /** The repeat rules in force at {@code now} on these numbers. */
    List<Block> blocks(long ccid, Collection<String> numbers, Instant now) {
        long since = now.minus(ABANDON_REPEAT).toEpochMilli();
        List<Block> blocks = new ArrayList<>();
        for (Record3<String, String, Long> r : db.dsl().select(DDI, CRES, max(T_INIT)).from(CDR)
                .where(CCID.eq(ccid)).and(DDI.in(numbers)).and(DTYPE.eq("out"))
                .and(CRES.in(Cdr.ABANDONED, Cdr.ANSWER_MACHINE)).and(T_INIT.gt(since))
                .groupBy(DDI, CRES).fetch()) {
            boolean abandon = Cdr.ABANDONED.equals(r.value2());
            Instant until = Instant.ofEpochMilli(r.value3())
                    .plus(abandon ? ABANDON_REPEAT : AMD_REPEAT);
            if (until.isAfter(now)) {
                blocks.add(new Block(r.value1(),
                        abandon ? Reason.ABANDON_REPEAT : Reason.AMD_REPEAT, until));
            }
        }
        return blocks;
    }

    @Override
    public double worstPercent(long ccid, long qid, Instant now) {
        double estimate = falsePositiveEstimate(ccid, qid);
        return Math.max(window(ccid, qid, now, AbandonMeter.DAY, estimate).percent(),
                window(ccid, qid, now, AbandonMeter.MONTH, estimate).percent());
    }

    /** The queue's {@code amd_fp_rate} as a share, as the dialler's own meters use it. */
    private double falsePositiveEstimate(long ccid, long qid) {
        BigDecimal percent = db.dsl().select(AMD_FP_RATE).from(table(name("queues")))
                .where(CCID.eq(ccid)).and(QID.eq(qid)).fetchOne(AMD_FP_RATE);
        return percent == null ? FALSE_POSITIVE_ESTIMATE : percent.doubleValue() / 100;
    }

    private AbandonMeter.Rate window(long ccid, long qid, Instant now, Duration length,
            double estimate) {
        Field<BigDecimal> live = sum(when(CRES.in(Cdr.ANSWERED, Cdr.ABANDONED), 1).otherwise(0));
        Field<BigDecimal> abandoned = sum(when(CRES.eq(Cdr.ABANDONED), 1).otherwise(0));
        Field<BigDecimal> machines = sum(when(CRES.eq(Cdr.ANSWER_MACHINE), 1).otherwise(0));
        Record r = db.dsl().select(live, abandoned, machines, count()).from(CDR)
                .where(CCID.eq(ccid)).and(QID.eq(qid)).and(DTYPE.eq("out"))
                .and(T_INIT.gt(now.minus(length).toEpochMilli()))
                .and(T_INIT.le(now.toEpochMilli())).fetchOne();
        return new AbandonMeter.Rate(whole(r.get(live)), whole(r.get(abandoned)),
                whole(r.get(machines)), estimate);
    }

    private static long whole(Number n) {
        return n == null ? 0 : n.longValue();
    }
}
