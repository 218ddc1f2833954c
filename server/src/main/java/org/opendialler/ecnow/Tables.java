package org.opendialler.ecnow;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.opendialler.store.Database;
import org.opendialler.tenancy.Centre;
import org.opendialler.tenancy.Tenancy;

/** Campaign tables and their custom fields, confined to one centre per call. Thread-safe. */
final class Tables {

    static final Table<Record> TABLES = table(name("campaign_tables"));
    static final Field<Long> TABLE_ID = field(name("table_id"), Long.class);
    static final Field<Long> CCID = field(name("ccid"), Long.class);
    static final Field<String> NAME = field(name("name"), String.class);
    static final Field<String> NAME_LOWER = field(name("name_lower"), String.class);
    static final Field<Long> CREATED_AT = field(name("created_at"), Long.class);

    static final Table<Record> FIELDS = table(name("campaign_fields"));
    static final Field<Long> FIELD_ID = field(name("field_id"), Long.class);
    static final Field<Integer> POSITION = field(name("position"), Integer.class);
    static final Field<String> FIELD_TYPE = field(name("field_type"), String.class);
    static final Field<Integer> SIZE = field(name("size"), Integer.class);
    static final Field<String> GROUP_NAME = field(name("group_name"), String.class);
    static final Field<String> PROMPT = field(name("prompt"), String.class);
    static final Field<String> READONLY = field(name("readonly"), String.class);
    static final Field<String> HIDDEN = field(name("hidden"), String.class);
    static final Field<String> HIDDEN_ON_SCRIPT = field(name("hidden_on_script"), String.class);
    static final Field<String> REQUIRED = field(name("required"), String.class);
    static final Field<String> SEARCHABLE = field(name("searchable"), String.class);
    static final Field<String> SORT_ORDER = field(name("sort_order"), String.class);
    static final Field<String> PICKLIST = field(name("picklist"), String.class);

    private static final Table<Record> CENTRES = table(name("centres"));
    private static final Field<Long> CENTRE_CCID = field(name("centres", "ccid"), Long.class);
    private static final Field<Long> VERSION =
            field(name("centres", "definitions_version"), Long.class);
    private static final Field<String> CENTRE_NAME =
            field(name("centres", "name"), String.class).as("centre_name");
    private static final Field<String> TIMEZONE = field(name("centres", "timezone"), String.class);
    private static final Field<String> COUNTRY = field(name("centres", "country"), String.class);
    private static final Field<Long> T_ID = field(name("campaign_tables", "table_id"), Long.class);
    private static final Field<Long> T_CCID = field(name("campaign_tables", "ccid"), Long.class);
    private static final Field<String> T_NAME =
            field(name("campaign_tables", "name"), String.class).as("table_name");
    private static final Field<String> T_NAME_LOWER =
            field(name("campaign_tables", "name_lower"), String.class);

    static final String NAME_RULE = "[A-Za-z][A-Za-z0-9_]{0,63}";
    static final List<String> TYPES = List.of("int", "varchar", "smalltext", "largetext",
            "datetime", "date", "select", "radio", "checkbox");

    private final Database db;
    private final Clock clock;

    Tables(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    Optional<CampaignTable> byName(long ccid, String tableName) {
        return byName(db.dsl(), ccid, tableName);
    }

    private static Optional<CampaignTable> byName(DSLContext dsl, long ccid, String tableName) {
        return dsl.selectFrom(TABLES)
                .where(CCID.eq(ccid), NAME_LOWER.eq(tableName.trim().toLowerCase(Locale.ROOT)))
                .fetchOptional(Tables::toTable);
    }

    Optional<CampaignTable> byId(long ccid, long tableId) {
        return db.dsl().selectFrom(TABLES).where(CCID.eq(ccid), TABLE_ID.eq(tableId))
                .fetchOptional(Tables::toTable);
    }

    List<CampaignTable> list(long ccid, String nameFilter) {
        Condition where = CCID.eq(ccid);
        if (nameFilter != null) {
            where = where.and(NAME_LOWER.eq(nameFilter.toLowerCase(Locale.ROOT)));
        }
        return db.dsl().selectFrom(TABLES).where(where).orderBy(NAME_LOWER)
                .fetch(Tables::toTable);
    }

    private static CampaignTable toTable(Record r) {
        return new CampaignTable(r.get(TABLE_ID), r.get(CCID), r.get(NAME));
    }

    CampaignTable create(long ccid, String tableName) {
        if (tableName == null || !tableName.trim().matches(NAME_RULE)) {
            throw new RowProblem("Bad table name: letters, digits and _, starting with a letter,"
                    + " at most 64 characters");
        }
        String trimmed = tableName.trim();
        return db.transaction(tx -> {
            Tenancy.definitionsChange(tx, ccid);

            if (byName(tx, ccid, trimmed).isPresent()) {
                throw new RowProblem("Table [" + trimmed + "] already exists.");
            }

            long id = tx.insertInto(TABLES)
                    .set(CCID, ccid)
                    .set(NAME, trimmed)
                    .set(NAME_LOWER, trimmed.toLowerCase(Locale.ROOT))
                    .set(CREATED_AT, clock.instant().getEpochSecond())
                    .returningResult(TABLE_ID).fetchOne(TABLE_ID);
            return new CampaignTable(id, ccid, trimmed);
        });
    }

    /** Deletes a table whose datasets are all expired, with its records and fields. */
    void delete(DSLContext tx, CampaignTable t) {
        Tenancy.definitionsChange(tx, t.ccid());

        Condition mine = CCID.eq(t.ccid()).and(TABLE_ID.eq(t.tableId()));
        tx.deleteFrom(Records.VALUES).where(Records.VALUE_FIELD.in(
                tx.select(FIELD_ID).from(FIELDS).where(mine))).execute();
        tx.deleteFrom(Records.VALUES).where(Records.VALUE_RECORD.in(
                tx.select(Records.ID).from(Records.RECORDS).where(
                        Records.CCID.eq(t.ccid()), Records.TABLE_ID.eq(t.tableId())))).execute();
        tx.deleteFrom(Records.RECORDS)
                .where(Records.CCID.eq(t.ccid()), Records.TABLE_ID.eq(t.tableId())).execute();
        tx.deleteFrom(Datasets.DATASETS).where(mine).execute();
        tx.deleteFrom(FIELDS).where(mine).execute();
        tx.deleteFrom(TABLES).where(mine).execute();
    }

    /** Every field of a table: the standard ones, then the custom ones by position. */
    List<FieldDef> fields(long ccid, long tableId) {
        List<FieldDef> all = new ArrayList<>(StandardFields.all());
        all.addAll(db.dsl().selectFrom(FIELDS).where(CCID.eq(ccid), TABLE_ID.eq(tableId))
                .orderBy(POSITION).fetch(Tables::toField));
        return all;
    }

    /** The centre's definitions with the table of that name (trimmed, any case), if any. */
    TableDefinitions definitionsByName(long ccid, String tableName) {
        return definitions(ccid, T_NAME_LOWER.eq(tableName.trim().toLowerCase(Locale.ROOT)));
    }

    TableDefinitions definitionsById(long ccid, long tableId) {
        return definitions(ccid, T_ID.eq(tableId));
    }

    /**
     * The centre, one table and its fields in one statement, so that they and the version
     * read with them are of one moment: a kept copy is never newer or older than its version.
     */
    private TableDefinitions definitions(long ccid, Condition whichTable) {
        List<Record> rows = db.dsl()
                .select(VERSION, CENTRE_NAME, TIMEZONE, COUNTRY, T_ID, T_NAME)
                .select(fieldColumns())
                .from(CENTRES)
                .leftJoin(TABLES).on(T_CCID.eq(CENTRE_CCID), whichTable)
                .leftJoin(FIELDS).on(qualified(CCID).eq(CENTRE_CCID),
                        qualified(TABLE_ID).eq(T_ID))
                .where(CENTRE_CCID.eq(ccid))
                .orderBy(qualified(POSITION))
                .fetch();
        return toDefinitions(ccid, rows);
    }

    /** One row per custom field, or one row of nulls past the centre's own columns. */
    private static TableDefinitions toDefinitions(long ccid, List<Record> rows) {
        Record first = rows.get(0);
        Centre centre = new Centre(ccid, first.get(CENTRE_NAME), ZoneId.of(first.get(TIMEZONE)),
                first.get(COUNTRY));
        Optional<CampaignTable> table = Optional.ofNullable(first.get(T_ID))
                .map(id -> new CampaignTable(id, ccid, first.get(T_NAME)));

        List<FieldDef> fields = new ArrayList<>(StandardFields.all());
        rows.stream().filter(r -> r.get(FIELD_ID) != null).map(Tables::toField)
                .forEach(fields::add);
        return new TableDefinitions(first.get(VERSION), centre, table, List.copyOf(fields));
    }

    /** The columns of campaign_fields under their own names, which {@link #toField} reads. */
    private static List<Field<?>> fieldColumns() {
        List<Field<?>> columns = new ArrayList<>();
        for (Field<?> f : List.of(FIELD_ID, POSITION, NAME, FIELD_TYPE, SIZE, GROUP_NAME, PROMPT,
                READONLY, HIDDEN, HIDDEN_ON_SCRIPT, REQUIRED, SEARCHABLE, SORT_ORDER, PICKLIST)) {
            columns.add(qualified(f).as(f.getName()));
        }
        return columns;
    }

    private static <T> Field<T> qualified(Field<T> column) {
        return field(name("campaign_fields", column.getName()), column.getType());
    }

    private static FieldDef toField(Record r) {
        String picklist = r.get(PICKLIST);
        List<String> values = picklist.isEmpty() ? List.of() : Arrays.asList(picklist.split(","));
        return new FieldDef(r.get(NAME), r.get(POSITION), r.get(FIELD_TYPE), r.get(SIZE), false,
                r.get(GROUP_NAME), r.get(PROMPT), r.get(READONLY), r.get(HIDDEN),
                r.get(HIDDEN_ON_SCRIPT), r.get(REQUIRED), r.get(SEARCHABLE), r.get(SORT_ORDER),
                List.copyOf(values), r.get(FIELD_ID));
    }

    void addField(CampaignTable t, FieldDef f) {
        db.transaction(tx -> {
            Tenancy.definitionsChange(tx, t.ccid());

            Integer max = tx.select(POSITION.max()).from(FIELDS)
                    .where(CCID.eq(t.ccid()), TABLE_ID.eq(t.tableId()))
                    .fetchOne(0, Integer.class);
            int position = max == null ? StandardFields.all().size() + 1 : max + 1;
            return tx.insertInto(FIELDS)
                    .set(CCID, t.ccid())
                    .set(TABLE_ID, t.tableId())
                    .set(POSITION, position)
                    .set(NAME, f.name())
                    .set(NAME_LOWER, f.name().toLowerCase(Locale.ROOT))
                    .set(columns(f))
                    .execute();
        });
    }

    void updateField(CampaignTable t, FieldDef f) {
        db.transaction(tx -> {
            Tenancy.definitionsChange(tx, t.ccid());

            return tx.update(FIELDS).set(columns(f))
                    .where(CCID.eq(t.ccid()), TABLE_ID.eq(t.tableId()),
                            FIELD_ID.eq(f.fieldId()))
                    .execute();
        });
    }

    private static Map<Field<?>, Object> columns(FieldDef f) {
        return Map.ofEntries(
                Map.entry(FIELD_TYPE, f.type()),
                Map.entry(SIZE, f.size()),
                Map.entry(GROUP_NAME, f.group()),
                Map.entry(PROMPT, f.prompt()),
                Map.entry(READONLY, f.readonly()),
                Map.entry(HIDDEN, f.hidden()),
                Map.entry(HIDDEN_ON_SCRIPT, f.hiddenOnScript()),
                Map.entry(REQUIRED, f.required()),
                Map.entry(SEARCHABLE, f.search()),
                Map.entry(SORT_ORDER, f.order()),
                Map.entry(PICKLIST, String.join(",", f.picklist())));
    }
}
