package org.opendialler.ecnow;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.opendialler.store.Database;
import org.opendialler.store.Rendered;

/**
 * The commonest read: one record by id, with no other filter. jOOQ renders its statement once
 * per shape (with or without a dataset) and the rendering is reused with the values bound,
 * since rendering the forty columns of a record cost more than the rest of the read's own
 * work. Thread-safe.
 */
final class RecordById {

    private final Database db;
    private final Map<Boolean, String> sql = new ConcurrentHashMap<>();

    RecordById(Database db) {
        this.db = db;
    }

    /** The record, if it is in that centre, table and (when given) dataset. */
    List<Record> fetch(long ccid, long tableId, Optional<Long> datasetId, long id) {
        Rendered query = query(ccid, tableId, datasetId, id);
        return db.fetchRendered(query.sql(), query.fields(), query.values().toArray());
    }

    /** The query of {@link #fetch}, to run with another. */
    Rendered query(long ccid, long tableId, Optional<Long> datasetId, long id) {
        String statement = sql.computeIfAbsent(datasetId.isPresent(), this::render);

        List<Object> values = new ArrayList<>(List.of(ccid, tableId));
        datasetId.ifPresent(values::add);
        values.add(id);
        return new Rendered(statement, Records.READ_COLUMNS, values);
    }

    /** The statement with its values in the order {@link #fetch} binds them. */
    private String render(boolean withDataset) {
        List<Condition> where = new ArrayList<>();
        where.add(Records.CCID.eq(0L));
        where.add(Records.TABLE_ID.eq(0L));
        if (withDataset) {
            where.add(Records.DATASETID.eq(0L));
        }
        where.add(Records.ID.eq(0L));

        DSLContext dsl = db.dsl();
        return dsl.render(dsl.select(Records.READ_COLUMNS).from(Records.RECORDS).where(where));
    }
}
