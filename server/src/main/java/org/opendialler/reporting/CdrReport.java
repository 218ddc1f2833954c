package org.opendialler.reporting;

import static org.opendialler.reporting.CdrTable.CALLID;
import static org.opendialler.reporting.CdrTable.CDR;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SortField;
import org.opendialler.protocol.Answer;
import org.opendialler.protocol.ApiRequest;
import org.opendialler.store.Database;

/** {@code method=cdr}: one item per CDR, every value a string or null, sorted and paged. */
final class CdrReport {

    private final Database db;

    CdrReport(Database db) {
        this.db = db;
    }

    Answer read(ApiRequest request) {
        List<CdrFields.CdrField> fields = new ArrayList<>();
        for (String f : Params.list(request, "fields")) {
            fields.add(field(f));
        }
        Condition where = Params.cdrWhere(request, true).and(CdrFields.isset(request));
        List<SortField<?>> order = order(request);
        long start = Params.natural(request, "start", 0);
        long limit = Params.natural(request, "limit", Params.DEFAULT_CAP);
        boolean capped = !request.has("limit") || request.optional("limit").isEmpty();

        long total = db.dsl().fetchCount(CDR, where);
        List<Field<?>> select = fields.stream().<Field<?>>map(f -> f.expr().as(f.field())).toList();
        List<Map<String, Object>> items = new ArrayList<>();
        for (Record r : db.dsl().select(select).from(CDR).where(where).orderBy(order)
                .limit(limit).offset(start).fetch()) {
            Map<String, Object> item = new LinkedHashMap<>();
            for (CdrFields.CdrField f : fields) {
                item.put(f.field(), f.render().apply(r.get(f.field())));
            }
            items.add(item);
        }
        return new Answer.Rows(total, items, capped && total - start > limit);
    }

    private static CdrFields.CdrField field(String name) {
        CdrFields.CdrField f = CdrFields.FIELDS.get(name);
        if (f == null) {
            throw Params.unknownField(name);
        }
        return f;
    }

    private static List<SortField<?>> order(ApiRequest request) {
        String sort = request.optional("sort").orElse("callid");
        boolean descending = sort.startsWith("-");
        CdrFields.CdrField f = field(descending ? sort.substring(1) : sort);
        List<SortField<?>> order = new ArrayList<>();
        order.add(descending ? f.expr().desc() : f.expr().asc());
        order.add(descending ? CALLID.desc() : CALLID.asc());
        return order;
    }
}
