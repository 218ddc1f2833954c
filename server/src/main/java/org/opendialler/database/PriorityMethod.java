package org.opendialler.database;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.opendialler.protocol.Answer;
import org.opendialler.protocol.ApiRequest;

/**
 * {@code priority}: which agent works which queue, at level 1 to 100. A row is named by its
 * {@code agentid} and {@code qid}; the key a write answers is the agent id.
 */
final class PriorityMethod extends Resource {

    static final Table<Record> TABLE = table(name("priorities"));
    static final Field<Long> AGENTID = field(name("agentid"), Long.class);
    static final Field<Long> QID = field(name("qid"), Long.class);
    private static final Key LEVEL = Key.integer("level", "prio_level", 1, 100);

    PriorityMethod() {
        super("priority", "priority", TABLE, Key.id("agentid", "agentid"), List.of(
                Key.id("qid", "qid").mandatory(), LEVEL.mandatory()));
    }

    @Override
    Condition readFilter(ApiRequest request) {
        return Crud.idList(request, "qid", QID);
    }

    @Override
    Record locate(Ctx ctx, ObjectNode row) {
        long agentid = whole(row, "agentid");
        long qid = whole(row, "qid");
        Record found = ctx.tx().selectFrom(TABLE).where(CCID.eq(ctx.ccid()))
                .and(AGENTID.eq(agentid)).and(QID.eq(qid)).fetchOne();
        if (found == null) {
            throw new RowRefused("No such priority: agent " + agentid + " on queue " + qid);
        }
        return found;
    }

    private static long whole(ObjectNode row, String key) {
        Object value = Key.id(key, key).parseText(Crud.text(row, key));
        if (value == null) {
            throw RowRefused.missing(key);
        }
        return (Long) value;
    }

    /** Create inserts the id too, which is not generated here. */
    Answer create(Crud crud, ApiRequest request) {
        return crud.eachRow(request, (ctx, row) -> {
            long agentid = whole(row, "agentid");
            long qid = whole(row, "qid");
            Object level = LEVEL.parseText(Crud.text(row, "level"));
            if (level == null) {
                throw RowRefused.missing("level");
            }
            QueueMethod.mustExist(ctx, agentid, "agents", "agent", "agentid");
            QueueMethod.mustExist(ctx, qid, "queues", "queue", "qid");
            if (ctx.tx().fetchExists(TABLE, CCID.eq(ctx.ccid()).and(AGENTID.eq(agentid))
                    .and(QID.eq(qid)))) {
                throw new RowRefused("Priority already exists: agent " + agentid
                        + " on queue " + qid);
            }
            ctx.tx().insertInto(TABLE).set(CCID, ctx.ccid()).set(AGENTID, agentid)
                    .set(QID, qid).set(LEVEL.column(), level).execute();
            return agentid;
        });
    }

    @Override
    void check(Ctx ctx, Map<String, Object> values, Record existing) {
        if (!existing.get(QID).equals(values.get("qid"))) {
            throw new RowRefused("A priority's qid cannot change; delete it and create another");
        }
    }

    @Override
    Condition identify(Ctx ctx, Record existing) {
        return CCID.eq(ctx.ccid()).and(AGENTID.eq(existing.get(AGENTID)))
                .and(QID.eq(existing.get(QID)));
    }
}
