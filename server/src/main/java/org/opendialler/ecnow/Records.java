package org.opendialler.ecnow;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.sequence;
import static org.jooq.impl.DSL.table;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Sequence;
import org.jooq.SortField;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.opendialler.store.BulkInsert;

/** SQL of the {@code records} and {@code record_values} tables. Stateless. */
final class Records {

    static final Table<Record> RECORDS = table(name("records"));
    static final Field<Long> ID = col("id");
    static final Field<Long> CCID = col("ccid");
    static final Field<Long> TABLE_ID = col("table_id");
    static final Field<Long> DATASETID = col("datasetid");
    static final Field<String> PROCESSTYPE = field(name("records", "processtype"), String.class);
    static final Field<Long> PROCESSDATE = col("processdate");
    static final Field<Long> CALLBACK = col("callback");
    static final Field<Long> CALL_BACK_SAMETIME = col("call_back_sametime");
    static final Field<Long> LOADDATE = col("loaddate");
    static final Field<Long> OUTCOMECODE = col("outcomecode");
    static final Field<Long> AGENTREF = col("agentref");
    static final Field<Long> JUDGE_AGAIN_AT = col("judge_again_at");
    static final Field<String> REFUSAL_REASON =
            field(name("records", "refusal_reason"), String.class);
    static final Field<Long> REFUSED_AT = col("refused_at");
    static final Field<String> NOTES = field(name("records", "notes"), String.class);
    static final Sequence<Long> IDS = sequence(name("record_ids"), Long.class);

    /**
     * The columns a read answers or explains, typed: a {@code select *} of an untyped table has
     * jOOQ work out every column's type from the result's metadata on every read, which cost
     * a read more than its page query's rendering.
     */
    static final List<Field<?>> READ_COLUMNS = readColumns();

    /** Where each standard field's column is in {@link #READ_COLUMNS}, by the field's name. */
    private static final Map<String, Integer> READ_POSITIONS = readPositions();

    static final Table<Record> VALUES = table(name("record_values"));
    static final Field<Long> VALUE_RECORD = field(name("record_values", "record_id"), Long.class);
    static final Field<Long> VALUE_FIELD = field(name("record_values", "field_id"), Long.class);
    static final Field<Long> VALUE_CCID = field(name("record_values", "ccid"), Long.class);
    static final Field<String> FIELD_VALUE =
            field(name("record_values", "field_value"), String.class);

    private Records() {
    }

    private static Field<Long> col(String column) {
        return field(name("records", column), Long.class);
    }

    private static List<Field<?>> readColumns() {
        List<Field<?>> columns = new ArrayList<>();
        StandardFields.all().forEach(f -> columns.add(column(f)));
        columns.add(CCID);
        StandardFields.PHONES.forEach(p -> columns.add(e164(p)));
        columns.add(field(name("records", "attempts"), Integer.class));
        columns.add(col("last_attempt_at"));
        columns.add(REFUSAL_REASON);
        columns.add(REFUSED_AT);
        return List.copyOf(columns);
    }

    private static Map<String, Integer> readPositions() {
        Map<String, Integer> positions = new HashMap<>();
        List<FieldDef> standard = StandardFields.all();
        for (int i = 0; i < standard.size(); i++) {
            positions.put(standard.get(i).name(), i);
        }
        return Map.copyOf(positions);
    }

    /** The column of a standard field, typed as the database keeps it. */
    static Field<?> column(FieldDef f) {
        if (f.isInt() || f.isDatetime()) {
            return col(f.column());
        }
        return field(name("records", f.column()), String.class);
    }

    static Field<String> e164(String phoneField) {
        return field(name("records", phoneField.toLowerCase() + "_e164"), String.class);
    }

    /**
     * Every column a create may set, in one fixed order (the id first): a new record sets a
     * subset of them, and the others take the column's default.
     */
    private static final List<Field<?>> INSERTABLE = insertable();
    private static final Map<String, Integer> SLOTS = slots();

    private static List<Field<?>> insertable() {
        List<Field<?>> columns = new ArrayList<>(List.of(ID, CCID, TABLE_ID, DATASETID));
        for (FieldDef f : StandardFields.all()) {
            if (!f.column().equals("id") && !f.column().equals("datasetid")) {
                columns.add(column(f));
            }
        }
        StandardFields.PHONES.forEach(phone -> columns.add(e164(phone)));
        return List.copyOf(columns);
    }

    private static Map<String, Integer> slots() {
        Map<String, Integer> slots = new HashMap<>();
        for (int i = 0; i < INSERTABLE.size(); i++) {
            slots.put(INSERTABLE.get(i).getName(), i);
        }
        return Map.copyOf(slots);
    }

    /** A new record ready to insert: the columns it sets, and its custom values by field id. */
    static final class NewRecord {

        private final Object[] values = new Object[INSERTABLE.size()];
        /** Bit i set: the record sets {@code INSERTABLE.get(i)}. */
        private long set;
        final Map<Long, String> custom = new LinkedHashMap<>();

        void set(Field<?> column, Object value) {
            slot(column.getName(), value);
        }

        void set(FieldDef standard, Object value) {
            slot(standard.column(), value);
        }

        Object get(Field<?> column) {
            return values[SLOTS.get(column.getName())];
        }

        private void slot(String column, Object value) {
            int slot = SLOTS.get(column);
            values[slot] = value;
            set |= 1L << slot;
        }
    }

    /**
     * Inserts records, each set of rows that set the same columns as one {@link BulkInsert}
     * (one for rows shaped alike, the usual load), and their custom values as one more;
     * answers their ids in input order.
     */
    static List<Long> insert(DSLContext tx, long ccid, List<NewRecord> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        List<Long> ids = new ArrayList<>(tx.nextvals(IDS, rows.size()));
        Map<Long, List<NewRecord>> byShape = new LinkedHashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            NewRecord r = rows.get(i);
            r.values[0] = ids.get(i);
            r.set |= 1L;
            byShape.computeIfAbsent(r.set, k -> new ArrayList<>()).add(r);
        }
        byShape.forEach((shape, shaped) -> insertShaped(tx, shape, shaped));
        insertCustom(tx, ccid, rows, ids);
        return ids;
    }

    private static void insertShaped(DSLContext tx, long shape, List<NewRecord> rows) {
        List<Field<?>> columns = new ArrayList<>();
        List<Integer> slots = new ArrayList<>();
        for (int slot = 0; slot < INSERTABLE.size(); slot++) {
            if ((shape & (1L << slot)) != 0) {
                columns.add(INSERTABLE.get(slot));
                slots.add(slot);
            }
        }
        List<Object[]> bound = new ArrayList<>(rows.size());
        for (NewRecord r : rows) {
            Object[] values = new Object[slots.size()];
            for (int c = 0; c < values.length; c++) {
                values[c] = r.values[slots.get(c)];
            }
            bound.add(values);
        }
        BulkInsert.insert(tx, RECORDS, columns, bound);
    }

    private static void insertCustom(DSLContext tx, long ccid, List<NewRecord> rows,
            List<Long> ids) {
        List<Object[]> bound = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            for (Map.Entry<Long, String> v : rows.get(i).custom.entrySet()) {
                bound.add(new Object[] {ids.get(i), v.getKey(), ccid, v.getValue()});
            }
        }
        if (!bound.isEmpty()) {
            List<Field<?>> columns = List.of(VALUE_RECORD, VALUE_FIELD, VALUE_CCID, FIELD_VALUE);
            BulkInsert.insert(tx, VALUES, columns, bound);
        }
    }

    /** The standard columns of one record of the centre, or empty. */
    static Optional<Record> find(DSLContext dsl, long ccid, long id) {
        return dsl.selectFrom(RECORDS).where(CCID.eq(ccid), ID.eq(id)).fetchOptional();
    }

    static void update(DSLContext tx, long ccid, long id, Map<Field<?>, Object> columns,
            Map<Long, String> custom) {
        if (!columns.isEmpty()) {
            tx.update(RECORDS).set(columns).where(CCID.eq(ccid), ID.eq(id)).execute();
        }
        for (Map.Entry<Long, String> v : custom.entrySet()) {
            tx.deleteFrom(VALUES).where(VALUE_RECORD.eq(id), VALUE_FIELD.eq(v.getKey()))
                    .execute();
            if (!v.getValue().isEmpty()) {
                tx.insertInto(VALUES, VALUE_RECORD, VALUE_FIELD, VALUE_CCID, FIELD_VALUE)
                        .values(id, v.getKey(), ccid, v.getValue()).execute();
            }
        }
    }

    static void delete(DSLContext tx, long ccid, long id) {
        tx.deleteFrom(VALUES).where(VALUE_CCID.eq(ccid), VALUE_RECORD.eq(id)).execute();
        tx.deleteFrom(RECORDS).where(CCID.eq(ccid), ID.eq(id)).execute();
    }

    static int count(DSLContext dsl, Condition where) {
        return dsl.fetchCount(RECORDS, where);
    }

    /**
     * One page of records. Limit and offset are numbers of ours, written into the SQL: bound,
     * they make PostgreSQL plan the statement afresh on every execution (it judges the plan
     * it could keep by an offset it cannot see), which cost a read by id as much again as
     * the rest of its query.
     */
    static List<Record> page(DSLContext dsl, Condition where, List<SortField<?>> order,
            int limit, int offset) {
        return dsl.select(READ_COLUMNS).from(RECORDS).where(where).orderBy(order)
                .limit(inline(limit)).offset(inline(offset)).fetch();
    }

    /** Custom values of the given records, by record id then field id. */
    static Map<Long, Map<Long, String>> customValues(DSLContext dsl, long ccid, List<Long> ids) {
        Map<Long, Map<Long, String>> out = new HashMap<>();
        for (int from = 0; from < ids.size(); from += 1000) {
            List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + 1000));
            dsl.select(VALUE_RECORD, VALUE_FIELD, FIELD_VALUE).from(VALUES)
                    .where(VALUE_CCID.eq(ccid), VALUE_RECORD.in(chunk))
                    .forEach(r -> out.computeIfAbsent(r.value1(), k -> new HashMap<>())
                            .put(r.value2(), r.value3()));
        }
        return out;
    }

    /**
     * A standard field's value in a row read as {@link #READ_COLUMNS}, taken by position: jOOQ
     * finds a value by name by comparing it with each column's, forty times for one item.
     */
    private static Object value(Record r, FieldDef f) {
        Integer at = READ_POSITIONS.get(f.name());
        if (at != null && at < r.size()
                && r.field(at).getName().equals(READ_COLUMNS.get(at).getName())) {
            return r.get(at);
        }
        return r.get(f.column());
    }

    /** One item of a read: every field of the table, values as strings. */
    static Map<String, Object> item(Record r, List<FieldDef> fields, Map<Long, String> custom,
            ZoneId zone) {
        Map<String, Object> item = new LinkedHashMap<>();
        for (FieldDef f : fields) {
            if (!f.standard()) {
                String v = custom == null ? null : custom.get(f.fieldId());
                item.put(f.name(), v == null || v.isEmpty() ? f.unset() : v);
            } else if (f.isDatetime()) {
                Object v = value(r, f);
                item.put(f.name(), Datetimes.format(v == null ? null
                        : ((Number) v).longValue(), zone));
            } else {
                Object v = value(r, f);
                item.put(f.name(), v == null ? f.unset() : String.valueOf(v));
            }
        }
        return item;
    }
}
