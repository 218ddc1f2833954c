package org.opendialler.database;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.noCondition;
import static org.jooq.impl.DSL.table;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.opendialler.phone.PhoneNumbers;
import org.opendialler.protocol.ApiException;
import org.opendialler.protocol.ApiRequest;
import org.opendialler.tenancy.Tenancy;

/**
 * {@code ddis}: the centre's numbers, kept in E.164, each routed to an inbound or IVR queue.
 * Update and delete name a row by {@code ddi} (any spelling of the number) or {@code uid}.
 */
final class DdiMethod extends Resource {

    static final Table<Record> TABLE = table(name("ddis"));
    static final Field<String> DDI = field(name("ddi"), String.class);
    static final Field<Long> QID = field(name("qid"), Long.class);

    private final Tenancy tenancy;

    DdiMethod(Tenancy tenancy) {
        super("ddis", "DDI", TABLE, Key.id("uid", "uid"), List.of(
                Key.text("ddi", "ddi", 32).mandatory(),
                Key.id("qid", "qid"),
                Key.text("description", "description", 200)));
        this.tenancy = tenancy;
    }

    String normalise(long ccid, String number) {
        String country = tenancy.centre(ccid).map(c -> c.country()).orElse("GB");
        return PhoneNumbers.e164(number, country).orElse(null);
    }

    @Override
    Condition readFilter(ApiRequest request) {
        Condition where = Crud.idList(request, "qid", QID);
        if (request.optional("ddi").isPresent()) {
            String e164 = normalise(request.ccid(), request.param("ddi"));
            if (e164 == null) {
                throw ApiException.badArgument("ddi");
            }
            where = where.and(DDI.eq(e164));
        }
        return where == null ? noCondition() : where;
    }

    @Override
    void check(Ctx ctx, Map<String, Object> values, Record existing) {
        String e164 = normalise(ctx.ccid(), (String) values.get("ddi"));
        if (e164 == null) {
            throw RowRefused.badValue("ddi", "a phone number");
        }
        values.put("ddi", e164);
        Condition same = CCID.eq(ctx.ccid()).and(DDI.eq(e164));
        if (existing != null) {
            same = same.and(idField().ne(existing.get(idField())));
        }
        if (ctx.tx().fetchExists(TABLE, same)) {
            throw new RowRefused("DDI already exists: " + e164);
        }
        Object qid = values.get("qid");
        if (qid != null) {
            String type = ctx.tx().select(Queues.TYPE).from(Queues.TABLE)
                    .where(CCID.eq(ctx.ccid())).and(Queues.QID.eq((Long) qid))
                    .fetchOne(Queues.TYPE);
            if (type == null) {
                throw RowRefused.noSuch("queue", qid);
            }
            if (!type.equals("inbound") && !type.equals("ivr")) {
                throw new RowRefused("A DDI routes to an inbound or ivr queue, not " + type);
            }
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
            throw RowRefused.missing("ddi");
        }
        String e164 = normalise(ctx.ccid(), ddi);
        Record found = e164 == null ? null : ctx.tx().selectFrom(TABLE)
                .where(CCID.eq(ctx.ccid())).and(DDI.eq(e164)).fetchOne();
        if (found == null) {
            throw RowRefused.noSuch(noun, ddi.trim());
        }
        return found;
    }
}
