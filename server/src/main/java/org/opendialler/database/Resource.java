package org.opendialler.database;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.noCondition;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.opendialler.protocol.ApiRequest;

/**
 * One method of {@code database.php} kept in one table of the centre: its id, its keys, and the
 * hooks where it differs from plain create, read, update and delete. {@link Crud} runs it.
 */
abstract class Resource {

    static final Field<Long> CCID = field(name("ccid"), Long.class);

    /** What a hook may use: the transaction, the caller's centre and the request. */
    record Ctx(DSLContext tx, long ccid, ApiRequest request) {
    }

    final String method;
    final String noun;
    final Table<Record> table;
    final Key id;
    final List<Key> keys;

    Resource(String method, String noun, Table<Record> table, Key id, List<Key> keys) {
        this.method = method;
        this.noun = noun;
        this.table = table;
        this.id = id;
        this.keys = keys;
    }

    @SuppressWarnings("unchecked")
    Field<Long> idField() {
        return (Field<Long>) (Field<?>) id.column();
    }

    /** The actions the method allows. */
    List<String> actions() {
        return List.of("create", "read", "update", "delete");
    }

    /** Answers a read; most methods read their table as it is. */
    org.opendialler.protocol.Answer read(Crud crud, ApiRequest request) {
        return crud.readTable(this, request);
    }

    /** Whether a read takes the id parameter as one id or a comma list. */
    boolean filtersById() {
        return true;
    }

    /** The method's own read filters, beside the id list that every method takes. */
    Condition readFilter(ApiRequest request) {
        return noCondition();
    }

    /**
     * Checks a row about to be written against the rest of the centre; may normalise values.
     *
     * @param existing the stored row on update, {@code null} on create
     * @throws RowRefused when the row cannot be written
     */
    void check(Ctx ctx, Map<String, Object> values, Record existing) {
    }

    /** Refuses to delete a row that something still needs. */
    void beforeDelete(Ctx ctx, Record existing) {
    }

    /** The condition that picks exactly this stored row. */
    Condition identify(Ctx ctx, Record existing) {
        return CCID.eq(ctx.ccid()).and(idField().eq(existing.get(idField())));
    }

    /** Deletes the row; a method may delete rows that hang on it too. */
    void delete(Ctx ctx, Record existing) {
        ctx.tx().deleteFrom(table).where(identify(ctx, existing)).execute();
    }

    /** The stored row that an update or delete names, or a refusal. */
    Record locate(Ctx ctx, ObjectNode row) {
        String text = Crud.text(row, id.api());
        if (text == null || text.isBlank()) {
            throw RowRefused.missing(id.api());
        }
        long wanted;
        try {
            wanted = Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw RowRefused.noSuch(noun, text.trim());
        }
        Record found = ctx.tx().selectFrom(table).where(CCID.eq(ctx.ccid()))
                .and(idField().eq(wanted)).fetchOne();
        if (found == null) {
            throw RowRefused.noSuch(noun, wanted);
        }
        return found;
    }

    /** A stored row as the wire shows it: the id, then every key but write-only ones. */
    Map<String, Object> render(Ctx ctx, Record r) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put(id.api(), Key.render(r.get(id.column())));
        for (Key key : keys) {
            if (!key.writeOnly()) {
                out.put(key.api(), Key.render(r.get(key.column())));
            }
        }
        return out;
    }
}
