package org.opendialler.database;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.jooq.Condition;
import org.jooq.Record;
import org.opendialler.protocol.ApiException;
import org.opendialler.protocol.ApiRequest;

/**
 * {@code dnc}: the centre's do-not-call list. Numbers are matched in E.164 with the centre's
 * country; {@code qid} 0 means the whole centre; {@code when} is Unix seconds. Create, read and
 * delete (by {@code uid}, or by {@code ddi} and {@code qid}).
 */
final class DncMethod extends Resource {

    private final DncList list;
    private final Clock clock;

    DncMethod(DncList list, Clock clock) {
        super("dnc", "DNC entry", DncList.TABLE, Key.id("uid", "uid"), List.of(
                Key.text("ddi", "ddi", 64).mandatory(),
                Key.id("qid", "qid").withDefault(0L),
                Key.id("urn", "urn"),
                Key.id("when", "added_at")));
        this.list = list;
        this.clock = clock;
    }

    @Override
    List<String> actions() {
        return List.of("create", "read", "delete");
    }

    @Override
    Condition readFilter(ApiRequest request) {
        Condition where = Crud.idList(request, "qid", DncList.QID);
        if (request.optional("ddi").isPresent()) {
            String e164 = list.normalise(request.ccid(), request.param("ddi")).orElseThrow(
                    () -> ApiException.badArgument("ddi"));
            where = where.and(DncList.DDI.eq(e164));
        }
        if (request.optional("tstart").isPresent()) {
            where = where.and(DncList.ADDED_AT.ge(seconds(request, "tstart")));
        }
        if (request.optional("tstop").isPresent()) {
            where = where.and(DncList.ADDED_AT.le(seconds(request, "tstop")));
        }
        return where;
    }

    static long seconds(ApiRequest request, String name) {
        String text = request.param(name).trim();
        if (!text.matches("\\d{1,12}")) {
            throw ApiException.badArgument(name);
        }
        return Long.parseLong(text);
    }

    @Override
    void check(Ctx ctx, Map<String, Object> values, Record existing) {
        String e164 = list.normalise(ctx.ccid(), (String) values.get("ddi")).orElseThrow(
                () -> RowRefused.badValue("ddi", "a phone number"));
        values.put("ddi", e164);
        values.put("when", clock.instant().getEpochSecond());
        long qid = (Long) values.get("qid");
        if (qid != 0) {
            QueueMethod.mustExist(ctx, qid, "queues", "queue", "qid");
        }
        boolean listed = ctx.tx().fetchExists(DncList.TABLE, CCID.eq(ctx.ccid())
                .and(DncList.DDI.eq(e164)).and(DncList.QID.eq(qid)));
        if (listed) {
            throw new RowRefused("Number already on the DNC list");
        }
    }

    @Override
    Record locate(Ctx ctx, ObjectNode row) {
        String uid = Crud.text(row, "uid");
        if (uid != null && !uid.isBlank()) {
            return super.locate(ctx, row);
        }
        String ddi = Crud.text(row, "ddi");
        if (ddi == null || ddi.isBlank()) {
            throw RowRefused.missing("uid or ddi");
        }
        Object qid = keys.get(1).parseText(Crud.text(row, "qid"));
        String e164 = list.normalise(ctx.ccid(), ddi).orElse(null);
        Record found = e164 == null ? null : ctx.tx().selectFrom(table)
                .where(CCID.eq(ctx.ccid())).and(DncList.DDI.eq(e164))
                .and(DncList.QID.eq(qid == null ? 0L : (Long) qid)).fetchOne();
        if (found == null) {
            throw RowRefused.noSuch(noun, ddi.trim());
        }
        return found;
    }
}
