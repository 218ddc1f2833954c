package org.opendialler.ecnow;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.selectCount;
import static org.jooq.impl.DSL.table;

import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.opendialler.store.Database;

/** Datasets of one centre, and moving their records when their status changes. Thread-safe. */
final class Datasets {

    static final String HOLD = "HOLD";
    static final String LIVE = "LIVE";
    static final String EXPIRED = "EXPIRED";
    static final List<String> STATUSES = List.of(HOLD, LIVE, EXPIRED);

    static final Table<Record> DATASETS = table(name("datasets"));
    static final Field<Long> DATASET_ID = field(name("datasets", "dataset_id"), Long.class);
    static final Field<Long> CCID = field(name("datasets", "ccid"), Long.class);
    static final Field<Long> TABLE_ID = field(name("datasets", "table_id"), Long.class);
    static final Field<Long> QID = field(name("datasets", "qid"), Long.class);
    static final Field<String> D_STATUS = field(name("datasets", "d_status"), String.class);
    static final Field<Integer> D_PRIORITY = field(name("datasets", "d_priority"), Integer.class);
    static final Field<String> NOTES = field(name("datasets", "notes"), String.class);
    static final Field<String> DESCRIPTION = field(name("datasets", "description"), String.class);
    static final Field<String> CRM_ACCOUNT = field(name("datasets", "crm_account"), String.class);
    static final Field<String> CRM_CAMPAIGN =
            field(name("datasets", "crm_campaign"), String.class);
    static final Field<String> LOCKED = field(name("datasets", "locked"), String.class);
    static final Field<String> SOURCEFILE = field(name("datasets", "sourcefile"), String.class);
    static final Field<Long> LOADDATE = field(name("datasets", "loaddate"), Long.class);

    /** The text columns a create or update may set, by their wire key. */
    static final Map<String, Field<String>> TEXT_KEYS = Map.of(
            "notes", NOTES, "description", DESCRIPTION, "crm_account", CRM_ACCOUNT,
            "crm_campaign", CRM_CAMPAIGN, "locked", LOCKED, "sourcefile", SOURCEFILE);

    /** One dataset: what writes of its records need to know. */
    record Dataset(long id, long ccid, long tableId, String tableName, String status, long qid) {
    }

    /** The filters of a read, each {@code null} when absent. */
    record Filter(List<Long> qids, Long dataset, String state, Long tableId, String description) {
    }

    private final Database db;
    private final Clock clock;

    Datasets(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    Optional<Dataset> byId(DSLContext dsl, long ccid, long id) {
        return dsl.select(DATASET_ID, CCID, TABLE_ID, Tables.NAME, D_STATUS, QID)
                .from(DATASETS).join(Tables.TABLES)
                .on(field(name("campaign_tables", "table_id"), Long.class).eq(TABLE_ID))
                .where(CCID.eq(ccid), DATASET_ID.eq(id))
                .fetchOptional(r -> new Dataset(r.get(DATASET_ID), r.get(CCID), r.get(TABLE_ID),
                        r.get(Tables.NAME), r.get(D_STATUS), r.get(QID)));
    }

    Optional<Dataset> byId(long ccid, long id) {
        return byId(db.dsl(), ccid, id);
    }

    long create(long ccid, CampaignTable t, Map<Field<?>, Object> values) {
        Map<Field<?>, Object> row = new LinkedHashMap<>();
        row.put(CCID, ccid);
        row.put(TABLE_ID, t.tableId());
        row.put(QID, 0L);
        row.put(D_STATUS, HOLD);
        row.put(D_PRIORITY, 0);
        TEXT_KEYS.values().forEach(f -> row.put(f, ""));
        row.put(LOCKED, "N");
        row.put(LOADDATE, clock.instant().getEpochSecond());
        row.putAll(values);
        return db.dsl().insertInto(DATASETS).set(row).returningResult(DATASET_ID)
                .fetchOne(DATASET_ID);
    }

    /**
     * The statuses of the centre's datasets {@code ids} as they are now, each row locked until
     * {@code tx} ends: a change of status waits for the transaction, or it for the change.
     */
    Map<Long, String> lockStatuses(DSLContext tx, long ccid, Collection<Long> ids) {
        var select = tx.select(DATASET_ID, D_STATUS).from(DATASETS)
                .where(CCID.eq(ccid), DATASET_ID.in(ids));
        // H2 has no shared row lock.
        var locked = db.isPostgres() ? select.forShare() : select.forUpdate();
        return locked.fetchMap(DATASET_ID, D_STATUS);
    }

    /** Updates a dataset and, when its status changes, every record's ProcessType with it. */
    void update(Dataset d, Map<Field<?>, Object> values) {
        db.transaction(tx -> {
            if (!values.isEmpty()) {
                tx.update(DATASETS).set(values)
                        .where(CCID.eq(d.ccid()), DATASET_ID.eq(d.id())).execute();
            }
            String status = (String) values.get(D_STATUS);
            if (status != null && !status.equals(d.status())) {
                moveRecords(tx, d, status);
            }
            return null;
        });
    }

    private void moveRecords(DSLContext tx, Dataset d, String status) {
        long now = clock.instant().getEpochSecond();
        Condition mine = Records.CCID.eq(d.ccid()).and(Records.DATASETID.eq(d.id()));
        if (EXPIRED.equals(status)) {
            tx.update(Records.RECORDS).set(Records.PROCESSTYPE, ProcessTypes.EXPIRED)
                    .set(Records.PROCESSDATE, now)
                    .where(mine, Records.PROCESSTYPE.ne(ProcessTypes.EXPIRED)).execute();
            return;
        }
        for (String from : ProcessTypes.ACTIVE) {
            String to = ProcessTypes.moved(from, status);
            if (!to.equals(from)) {
                tx.update(Records.RECORDS).set(Records.PROCESSTYPE, to)
                        .set(Records.PROCESSDATE, now)
                        .where(mine, Records.PROCESSTYPE.eq(from)).execute();
            }
        }
    }

    List<Map<String, Object>> read(long ccid, Filter f, ZoneId zone) {
        Condition where = CCID.eq(ccid);
        if (f.qids() != null) {
            where = where.and(QID.in(f.qids()));
        }
        if (f.dataset() != null) {
            where = where.and(DATASET_ID.eq(f.dataset()));
        }
        if (f.state() != null) {
            where = where.and(D_STATUS.eq(f.state()));
        }
        if (f.tableId() != null) {
            where = where.and(TABLE_ID.eq(f.tableId()));
        }
        if (f.description() != null) {
            where = where.and(DESCRIPTION.equalIgnoreCase(f.description()));
        }
        long now = clock.instant().getEpochSecond();
        Field<Integer> reccount = selectCount().from(Records.RECORDS)
                .where(Records.CCID.eq(ccid), Records.DATASETID.eq(DATASET_ID))
                .asField("reccount");
        Field<Integer> callbacks = selectCount().from(Records.RECORDS)
                .where(Records.CCID.eq(ccid), Records.DATASETID.eq(DATASET_ID),
                        Records.CALLBACK.le(now), Records.PROCESSTYPE.in(ProcessTypes.ACTIVE))
                .asField("callbacks");
        List<Map<String, Object>> out = new ArrayList<>();
        db.dsl().select(DATASET_ID, CCID, QID, D_STATUS, D_PRIORITY, NOTES, DESCRIPTION,
                        CRM_ACCOUNT, CRM_CAMPAIGN, LOCKED, SOURCEFILE, LOADDATE)
                .select(Tables.NAME, reccount, callbacks)
                .from(DATASETS).join(Tables.TABLES)
                .on(field(name("campaign_tables", "table_id"), Long.class).eq(TABLE_ID))
                .where(where).orderBy(DATASET_ID)
                .forEach(r -> out.add(item(r, zone, reccount, callbacks)));
        return out;
    }

    private static Map<String, Object> item(Record r, ZoneId zone, Field<Integer> reccount,
            Field<Integer> callbacks) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("dataset", String.valueOf(r.get(DATASET_ID)));
        item.put("qid", String.valueOf(r.get(QID)));
        item.put("d_status", r.get(D_STATUS));
        item.put("d_priority", String.valueOf(r.get(D_PRIORITY)));
        item.put("notes", r.get(NOTES));
        item.put("reccount", String.valueOf(r.get(reccount)));
        int due = r.get(callbacks);
        item.put("callbacks", due == 0 ? "none" : String.valueOf(due));
        item.put("crm_account", r.get(CRM_ACCOUNT));
        item.put("crm_campaign", r.get(CRM_CAMPAIGN));
        item.put("description", r.get(DESCRIPTION));
        item.put("locked", r.get(LOCKED));
        item.put("loaddate", Datetimes.format(r.get(LOADDATE), zone));
        item.put("sourcefile", r.get(SOURCEFILE));
        item.put("import_table", r.get(Tables.NAME));
        item.put("campaign", String.valueOf(r.get(CCID)));
        item.put("table", r.get(Tables.NAME));
        return item;
    }
}
