package org.opendialler.database;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import java.util.List;
import org.jooq.Field;
import org.jooq.Record;

/** {@code tod_policy}: named calling windows; a policy a queue names cannot be deleted. */
final class TodPolicies extends Resource {

    static final String TABLE_NAME = "tod_policies";
    static final Field<Long> POLICY = field(name("policy"), Long.class);

    TodPolicies() {
        super("tod_policy", "tod policy", table(name(TABLE_NAME)), Key.id("uid", "uid"), List.of(
                Key.text("description", "description", 200).mandatory(),
                Key.yn("default", "is_default")));
    }

    @Override
    void beforeDelete(Ctx ctx, Record existing) {
        long uid = existing.get(idField());
        Long qid = ctx.tx().select(Queues.QID).from(Queues.TABLE).where(CCID.eq(ctx.ccid()))
                .and(Queues.TOD.eq(uid)).limit(1).fetchOne(Queues.QID);
        if (qid != null) {
            throw new RowRefused("Tod policy " + uid + " is used by queue " + qid);
        }
    }

    @Override
    void delete(Ctx ctx, Record existing) {
        ctx.tx().deleteFrom(table(name("tod_rules"))).where(CCID.eq(ctx.ccid()))
                .and(POLICY.eq(existing.get(idField()))).execute();
        super.delete(ctx, existing);
    }
}
