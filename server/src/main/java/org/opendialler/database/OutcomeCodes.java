package org.opendialler.database;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.Condition;
import org.jooq.Record;
import org.opendialler.protocol.Answer;
import org.opendialler.protocol.ApiException;
import org.opendialler.protocol.ApiRequest;

/** {@code outcomecodes}: the system codes, read-only, and the centre's own codes. */
final class OutcomeCodes extends Resource {

    private final References refs;

    OutcomeCodes(References refs) {
        super("outcomecodes", "outcome", Outcomes.TABLE, Key.id("outcome", "outcome"), List.of(
                Key.text("description", "description", 200).mandatory(),
                Key.yn("complete", "complete"),
                Key.yn("sale", "sale"),
                Key.yn("dmc", "dmc"),
                Key.yn("do_not_call", "do_not_call"),
                Key.integer("answerphone", "answerphone", 0, 1).withDefault(0)));
        this.refs = refs;
    }

    @Override
    Answer read(Crud crud, ApiRequest request) {
        String mode = request.optional("mode").orElse(null);
        if (mode != null && !mode.equals("system")) {
            throw ApiException.badArgument("mode");
        }
        // The vendor's wrapper filters ecnow_outcomecodes by outcome; database.php says uid.
        String filter = request.optional("uid").isPresent() ? "uid" : "outcome";
        List<Long> ids = request.optional(filter).map(t -> Crud.longs(t, filter)).orElse(null);
        List<Map<String, Object>> all = new ArrayList<>();
        for (Outcomes.Outcome o : Outcomes.SYSTEM) {
            if (ids == null || ids.contains(o.id())) {
                all.add(render(o));
            }
        }
        if (mode == null) {
            Condition where = CCID.eq(request.ccid());
            if (ids != null) {
                where = where.and(idField().in(ids));
            }
            Ctx ctx = new Ctx(crud.db().dsl(), request.ccid(), request);
            crud.db().dsl().selectFrom(table).where(where).orderBy(idField())
                    .forEach(r -> all.add(render(ctx, r)));
        }
        Crud.Page page = crud.page(request, all.size());
        return new Answer.Rows(all.size(), crud.slice(all, page), page.truncated());
    }

    private static Map<String, Object> render(Outcomes.Outcome o) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("outcome", String.valueOf(o.id()));
        out.put("description", o.description());
        out.put("complete", yn(o.complete()));
        out.put("sale", yn(o.sale()));
        out.put("dmc", yn(o.dmc()));
        out.put("do_not_call", yn(o.doNotCall()));
        out.put("answerphone", o.answerphone() ? "1" : "0");
        return out;
    }

    private static String yn(boolean flag) {
        return flag ? "Y" : "N";
    }

    @Override
    Record locate(Ctx ctx, ObjectNode row) {
        String text = Crud.text(row, "outcome");
        if (text != null && text.trim().matches("\\d{1,18}")
                && Outcomes.system(Long.parseLong(text.trim())).isPresent()) {
            throw new RowRefused("Outcome " + text.trim() + " is a system code and read-only");
        }
        return super.locate(ctx, row);
    }

    @Override
    void beforeDelete(Ctx ctx, Record existing) {
        long id = existing.get(idField());
        long used = refs.recordsWithOutcome(ctx.ccid(), id);
        if (used > 0) {
            throw new RowRefused("Outcome " + id + " is used by " + used + " records");
        }
    }
}
