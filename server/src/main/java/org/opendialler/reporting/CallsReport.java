package org.opendialler.reporting;

import static org.opendialler.reporting.CdrTable.CDR;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SelectHavingStep;
import org.jooq.impl.DSL;
import org.opendialler.protocol.Answer;
import org.opendialler.protocol.ApiException;
import org.opendialler.protocol.ApiRequest;
import org.opendialler.store.Database;
import org.opendialler.tenancy.Tenancy;

/**
 * {@code method=calls}: one item per group of CDRs with the requested groupable values and
 * metrics. Filtering, grouping and aggregation all run in one SQL query; Java only renders.
 */
final class CallsReport {

    private final Database db;
    private final Tenancy tenancy;

    CallsReport(Database db, Tenancy tenancy) {
        this.db = db;
        this.tenancy = tenancy;
    }

    Answer read(ApiRequest request) {
        List<String> fields = Params.list(request, "fields");
        fields.stream().filter(f -> !CallFields.GROUPABLE.containsKey(f)
                && !CallFields.METRICS.containsKey(f)).findFirst().ifPresent(f -> {
                    throw Params.unknownField(f);
                });
        List<CallFields.Groupable> groups = groups(request);
        long cutoffMs = Params.natural(request, "cutoff", 20) * 1000;

        List<String> loose = fields.stream().filter(f -> CallFields.GROUPABLE.containsKey(f)
                && !CallFields.CENTRE.contains(f)
                && groups.stream().noneMatch(g -> g.field().equals(f))).toList();
        List<Field<?>> by = groups.stream().<Field<?>>map(CallFields.Groupable::expr).toList();
        SelectHavingStep<Record> grouped = grouped(request, groups, loose, fields, cutoffMs, by);

        String ccnm = tenancy.centre(request.ccid()).map(c -> c.name()).orElse("");
        List<Map<String, Object>> items = new ArrayList<>();
        for (Record r : grouped.orderBy(by).fetch()) {
            if (CallFields.num(r.get("n")) > 0) {
                items.add(item(r, request.ccid(), ccnm, fields, groups, loose));
            }
        }
        return Answer.Rows.of(items);
    }

    /**
     * The grouped query: over the report's slots and the range's ragged ends when the slots can
     * answer it, otherwise over every CDR of the range.
     */
    private SelectHavingStep<Record> grouped(ApiRequest request, List<CallFields.Groupable> groups,
            List<String> loose, List<String> fields, long cutoffMs, List<Field<?>> by) {
        List<String> metrics = fields.stream().filter(CallFields.METRICS::containsKey).toList();
        List<String> shown = new ArrayList<>(loose);
        groups.forEach(g -> shown.add(g.field()));
        Params.Range range = Params.range(request);
        boolean isset = !Params.optionalList(request, "isset").isEmpty();

        if (CdrSlots.canAnswer(shown, metrics, Params.filtersGiven(request), isset, cutoffMs,
                CdrSlots.Span.of(range))) {
            List<Field<?>> select = select(groups, loose, metrics, m -> CdrSlots.total(m),
                    CdrSlots.count());
            var from = db.dsl().select(select).from(CdrSlots.source(db.dsl(), request.ccid(),
                    range, Params.filters(request, false), metrics, cutoffMs));
            return by.isEmpty() ? from : from.groupBy(by);
        }
        Condition where = Params.cdrWhere(request, false).and(CdrFields.isset(request));
        List<Field<?>> select = select(groups, loose, metrics,
                m -> CallFields.METRICS.get(m).aggregate().apply(cutoffMs), DSL.count());
        var from = db.dsl().select(select).from(CDR).where(where);
        return by.isEmpty() ? from : from.groupBy(by);
    }

    private static List<CallFields.Groupable> groups(ApiRequest request) {
        List<CallFields.Groupable> groups = new ArrayList<>();
        for (String g : Params.list(request, "groupby")) {
            if (CallFields.METRICS.containsKey(g)) {
                throw ApiException.badArgument("groupby");
            }
            CallFields.Groupable groupable = CallFields.GROUPABLE.get(g);
            if (groupable == null) {
                throw Params.unknownField(g);
            }
            if (!CallFields.CENTRE.contains(g)) {
                groups.add(groupable);
            }
        }
        return groups;
    }

    private static List<Field<?>> select(List<CallFields.Groupable> groups, List<String> loose,
            List<String> metrics, Function<String, Field<?>> aggregate, Field<?> count) {
        List<Field<?>> select = new ArrayList<>();
        for (CallFields.Groupable g : groups) {
            select.add(g.expr().as("g_" + g.field()));
        }
        // A groupable field asked for but not grouped by has a value only when the group agrees.
        for (String f : loose) {
            Field<?> expr = CallFields.GROUPABLE.get(f).expr();
            select.add(DSL.min(expr).as("lo_" + f));
            select.add(DSL.max(expr).as("hi_" + f));
        }
        for (String m : metrics) {
            select.add(aggregate.apply(m).as("m_" + m));
        }
        select.add(count.as("n"));
        return select;
    }

    private static Map<String, Object> item(Record r, long ccid, String ccnm, List<String> fields,
            List<CallFields.Groupable> groups, List<String> loose) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("ccid", String.valueOf(ccid));
        item.put("ccnm", ccnm);
        for (String f : fields) {
            if (CallFields.CENTRE.contains(f)) {
                continue;
            }
            CallFields.Metric m = CallFields.METRICS.get(f);
            CallFields.Groupable g = CallFields.GROUPABLE.get(f);
            if (m != null) {
                item.put(f, m.render().apply(r.get("m_" + f)));
            } else if (loose.contains(f)) {
                Object lo = r.get("lo_" + f);
                boolean one = lo != null && Objects.equals(lo.toString(),
                        String.valueOf(r.get("hi_" + f)));
                item.put(f, one ? g.render().apply(lo) : null);
            } else {
                item.put(f, g.render().apply(r.get("g_" + f)));
            }
        }
        return item;
    }
}
