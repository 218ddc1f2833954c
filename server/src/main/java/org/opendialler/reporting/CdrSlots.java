package org.opendialler.reporting;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;
import static org.opendialler.reporting.CdrTable.*;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.InsertValuesStepN;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.Select;
import org.jooq.SelectField;
import org.jooq.Table;
import org.jooq.exception.IntegrityConstraintViolationException;
import org.jooq.impl.DSL;
import org.opendialler.store.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The calls report's roll-up (table {@code cdr_slots}, migration V42): every metric of the calls
 * report summed per centre, hour of tm_init and queue, written in the transaction that writes
 * the CDRs. A {@code calls} report whose groups and filters a slot carries reads the whole hours
 * of its range here and only the rest at either end from {@code cdr}, so a month costs 744 rows
 * per queue however many calls it had.
 */
final class CdrSlots {

    private static final Logger LOG = LoggerFactory.getLogger(CdrSlots.class);

    static final Table<Record> SLOTS = table(name("cdr_slots"));
    static final Field<Long> SLOT = field(name("slot"), Long.class);
    static final Field<Long> N = field(name("n"), Long.class);
    static final long SLOT_MS = 3_600_000;
    /** The service-level threshold the slots' cutoff metrics were summed with. */
    static final long CUTOFF_MS = 20_000;

    /** The groupable fields that follow from a slot's columns. */
    static final Set<String> GROUPABLE = Set.of("qtable", "qtype", "qid", "qnm", "PT1H", "P1D",
            "P1W", "P1M", "date", "day", "hour");
    /** The filters a slot can answer; any other filter reads the cdr table. */
    static final Set<String> FILTERS = Set.of("campaign", "queue", "qtype");
    private static final Set<String> CUTOFF_METRICS = Set.of("nc_ans_le", "nc_ans_gt",
            "nc_que_le", "nc_que_gt");

    /** The CDR's local minute rounded down to the hour. */
    private static final Field<Long> LOC_SLOT = LOC_MINUTE.minus(LOC_MINUTE.mod(inline(60L)));
    private static final Field<Long> SLOT_OF_CDR = T_INIT_MS.div(inline(SLOT_MS));
    /** The key columns below the centre and slot, as the cdr table has them. */
    private static final List<Field<?>> KEYS = List.of(QID, QTABLE, QTYPE, QNM, LOC_MINUTE,
            LOC_MONTH);

    private CdrSlots() {
    }

    /** The whole slots of an inclusive range of Unix seconds: [first, end). */
    record Span(long first, long end) {

        static Span of(Params.Range range) {
            long first = Math.floorDiv(range.start() * 1000 + SLOT_MS - 1, SLOT_MS);
            long end = Math.floorDiv((range.stop() + 1) * 1000, SLOT_MS);
            return new Span(first, end);
        }

        boolean isEmpty() {
            return first >= end;
        }
    }

    /**
     * Whether the slots can answer a report: every field it groups by or shows is a slot's,
     * every filter is, no {@code isset}, the cutoff metrics only at the slots' cutoff, and the
     * range holds at least one whole slot.
     */
    static boolean canAnswer(List<String> groupables, List<String> metrics, List<String> filters,
            boolean isset, long cutoffMs, Span span) {
        boolean cutoffOk = cutoffMs == CUTOFF_MS || metrics.stream()
                .noneMatch(CUTOFF_METRICS::contains);
        return !span.isEmpty() && !isset && cutoffOk && GROUPABLE.containsAll(groupables)
                && FILTERS.containsAll(filters);
    }

    /**
     * The rows a report aggregates in place of the cdr table: the slots wholly inside the
     * range, and the CDRs of the range's ragged ends grouped the same way. Both have the key
     * columns under the cdr table's names, {@code n}, and {@code m_<metric>} for each metric.
     */
    static Table<?> source(DSLContext dsl, long ccid, Params.Range range, Condition filters,
            List<String> metrics, long cutoffMs) {
        Span span = Span.of(range);
        List<SelectField<?>> slotColumns = new ArrayList<>(KEYS);
        slotColumns.add(N);
        List<SelectField<?>> edgeColumns = new ArrayList<>(List.of(QID, QTABLE, QTYPE, QNM,
                LOC_SLOT.as(LOC_MINUTE.getName()), LOC_MONTH, DSL.count().as(N.getName())));
        for (String m : metrics) {
            slotColumns.add(column(m));
            edgeColumns.add(CallFields.METRICS.get(m).aggregate().apply(cutoffMs).as("m_" + m));
        }

        Select<Record> rows = dsl.select(slotColumns).from(SLOTS)
                .where(CCID.eq(ccid), SLOT.ge(span.first()), SLOT.lt(span.end())).and(filters);
        // Each end on its own, so that both are index range scans of (ccid, t_init_ms).
        long[][] ends = {{range.start() * 1000, span.first() * SLOT_MS - 1},
            {span.end() * SLOT_MS, range.stop() * 1000 + 999}};
        for (long[] end : ends) {
            if (end[0] <= end[1]) {
                rows = rows.unionAll(dsl.select(edgeColumns).from(CDR)
                        .where(CCID.eq(ccid), T_INIT_MS.between(end[0], end[1])).and(filters)
                        .groupBy(QID, QTABLE, QTYPE, QNM, LOC_SLOT, LOC_MONTH));
            }
        }
        return rows.asTable("slots_and_ends");
    }

    /** A metric's aggregate over the rows of {@link #source}. */
    static Field<?> total(String metric) {
        Field<BigDecimal> column = column(metric);
        return "callid_max".equals(metric) ? DSL.max(column) : DSL.sum(column);
    }

    /** The count of CDRs over the rows of {@link #source}. */
    static Field<?> count() {
        return DSL.sum(N);
    }

    /**
     * Adds the CDRs just written to their slots, in the caller's transaction: one upsert per
     * chunk of CDRs, its slots in key order so that two writers never wait on each other's
     * slots crosswise.
     */
    static void add(DSLContext dsl, List<Long> callids) {
        for (int from = 0; from < callids.size(); from += 500) {
            List<Long> chunk = callids.subList(from, Math.min(callids.size(), from + 500));
            List<Record> partials = new ArrayList<>(dsl.select(partialColumns()).from(CDR)
                    .where(CALLID.in(chunk)).groupBy(groupKeys()).fetch());
            partials.sort(Comparator.comparing(CdrSlots::keyText));
            // H2 runs the upsert as a MERGE over a UNION of one SELECT a row, which its parser
            // nests: a few dozen rows a statement keep it small.
            int rows = dsl.dialect().family() == SQLDialect.POSTGRES ? 500 : 25;
            for (int at = 0; at < partials.size(); at += rows) {
                upsert(dsl, partials.subList(at, Math.min(partials.size(), at + rows)));
            }
        }
    }

    /** Fills the slots from every CDR when they are missing (CDRs written before V42). */
    static void fillIfEmpty(Database db) {
        DSLContext dsl = db.dsl();
        if (dsl.fetchExists(SLOTS) || !dsl.fetchExists(CDR)) {
            return;
        }
        int slots = dsl.insertInto(SLOTS, tableColumns())
                .select(dsl.select(partialColumns()).from(CDR).groupBy(groupKeys())).execute();
        LOG.info("Rolled up the existing CDRs into {} report slots", slots);
    }

    /** The slot table's columns in order: its key (centre, slot, KEYS), n, then the sums. */
    private static List<Field<?>> tableColumns() {
        List<Field<?>> columns = new ArrayList<>(List.of(CCID, SLOT));
        columns.addAll(KEYS);
        columns.add(N);
        CallFields.METRICS.keySet().forEach(m -> columns.add(column(m)));
        return columns;
    }

    private static Field<BigDecimal> column(String metric) {
        return field(name("m_" + metric), BigDecimal.class);
    }

    private static List<Field<?>> groupKeys() {
        return List.of(CCID, SLOT_OF_CDR, QID, QTABLE, QTYPE, QNM, LOC_SLOT, LOC_MONTH);
    }

    /** The key of a slot and its sums, from the cdr table, in the slot table's column order. */
    private static List<Field<?>> partialColumns() {
        List<Field<?>> columns = new ArrayList<>(List.of(CCID, SLOT_OF_CDR.as(SLOT.getName()),
                QID, QTABLE, QTYPE, QNM, LOC_SLOT.as(LOC_MINUTE.getName()), LOC_MONTH,
                DSL.count().as(N.getName())));
        CallFields.METRICS.forEach((m, metric) -> columns.add(
                metric.aggregate().apply(CUTOFF_MS).as("m_" + m)));
        return columns;
    }

    private static String keyText(Record r) {
        return r.get(CCID) + "/" + r.get(SLOT) + "/" + r.get(QID) + "/" + r.get(QTABLE) + "/"
                + r.get(QTYPE) + "/" + r.get(QNM) + "/" + r.get(LOC_MINUTE) + "/"
                + r.get(LOC_MONTH);
    }

    private static void upsert(DSLContext dsl, List<Record> partials) {
        if (partials.isEmpty()) {
            return;
        }
        // Qualified, so that H2's emulation (a MERGE with a source named t) stays unambiguous.
        List<Field<?>> columns = tableColumns();
        List<Field<?>> key = columns.subList(0, 2 + KEYS.size()).stream()
                .<Field<?>>map(CdrSlots::qualified).toList();
        var insert = dsl.insertInto(SLOTS, columns.stream().map(CdrSlots::qualified).toList());
        InsertValuesStepN<Record> rows = null;
        for (Record partial : partials) {
            List<Object> values = new ArrayList<>();
            for (Field<?> c : columns) {
                values.add(partial.get(c.getName()));
            }
            rows = rows == null ? insert.values(values) : rows.values(values);
        }

        Map<Field<?>, Object> sums = new LinkedHashMap<>();
        Field<Long> n = qualified(N);
        sums.put(n, n.plus(DSL.excluded(n)));
        for (String m : CallFields.METRICS.keySet()) {
            Field<BigDecimal> column = qualified(column(m));
            sums.put(column, "callid_max".equals(m)
                    ? DSL.greatest(column, DSL.excluded(column))
                    : column.plus(DSL.excluded(column)));
        }
        var upsert = rows.onConflict(key).doUpdate().set(sums);
        try {
            upsert.execute();
        } catch (IntegrityConstraintViolationException e) {
            // On H2 the statement is a MERGE, which a writer of the same new slot can beat; H2
            // keeps the transaction after a failed statement, and the slot now exists.
            if (dsl.dialect().family() == SQLDialect.POSTGRES) {
                throw e;
            }
            upsert.execute();
        }
    }

    private static <T> Field<T> qualified(Field<T> column) {
        return field(name(SLOTS.getName(), column.getName()), column.getType());
    }
}
