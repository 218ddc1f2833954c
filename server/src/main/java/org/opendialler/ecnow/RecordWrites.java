package org.opendialler.ecnow;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Record1;
import org.jooq.Select;
import org.jooq.impl.DSL;
import org.opendialler.protocol.Answer;
import org.opendialler.protocol.ApiException;
import org.opendialler.protocol.ApiRequest;
import org.opendialler.protocol.RowError;
import org.opendialler.store.Database;
import org.opendialler.tenancy.Centre;

/**
 * {@code ecnow_records} create, update and delete. Creates are checked row by row and written
 * in chunks of {@link #CHUNK} rows by a {@link ChunkWriter}, each chunk in one transaction, the
 * next chunk checked while one is written, so memory stays bounded whatever the row count. No
 * connection is held while rows are checked: the checks take their own (datasets, fields,
 * lookups), so a create holding one while it asked for another could starve the pool under
 * many concurrent loads.
 */
final class RecordWrites {

    static final String LIVE_INFO = "Record is LIVE on the dialer.";
    static final String NOT_LIVE_INFO = "Record NOT live on the dialer.";
    static final String COMPLETE_INFO =
            "Record is NOT live on the dialer due having a complete outcome.";
    private static final Set<String> DEDUPE_SCOPES = Set.of("dataset", "table", "centre");
    /** A load this size gives PostgreSQL statistics worth planning by (see Database). */
    private static final int ANALYZE_AFTER = 500;
    /**
     * The columns the dialler's claims filter and order by, analyzed after a load. Autovacuum's
     * own analyze covers every column in its time.
     */
    private static final List<String> PLANNED_COLUMNS = List.of("id", "ccid", "table_id",
            "datasetid", "processtype", "processdate", "callback", "lease_until", "claimed_by",
            "attempts", "last_attempt_at", "judge_again_at", "agent_specific", "agentref",
            "homephone_e164", "workphone_e164", "mobilephone_e164");
    /**
     * Rows of one insert transaction. Smaller chunks overlap more of the checks with the
     * writing; each costs a commit and a call for ids.
     */
    static final int CHUNK = 500;

    private final Database db;
    private final Tables tables;
    private final Datasets datasets;
    private final Lookups lookups;
    private final Centres centres;
    private final Clock clock;

    RecordWrites(Database db, Tables tables, Datasets datasets, Lookups lookups,
            Centres centres, Clock clock) {
        this.db = db;
        this.tables = tables;
        this.datasets = datasets;
        this.lookups = lookups;
        this.centres = centres;
        this.clock = clock;
    }

    /** What one request's rows share: the centre, and datasets and fields already looked up. */
    private final class Context {
        final long ccid;
        final Centre centre;
        final Map<Long, Optional<Datasets.Dataset>> datasetsById = new HashMap<>();
        final Map<Long, List<FieldDef>> fieldsByTable = new HashMap<>();
        final Map<Long, RowReader> readers = new HashMap<>();
        /** Agents and outcomes already looked up, so that a load of rows asks once for each. */
        final Map<Long, Boolean> agents = new HashMap<>();
        final Map<Long, Optional<Boolean>> outcomes = new HashMap<>();

        Context(long ccid) {
            this.ccid = ccid;
            this.centre = centres.of(ccid);
        }

        Datasets.Dataset dataset(String given) {
            if (given == null || given.isBlank()) {
                throw new RowProblem("Missing dataset");
            }
            long id = Rows.wholeNumber(given, "dataset");
            Datasets.Dataset d = datasetsById.computeIfAbsent(id,
                    k -> datasets.byId(ccid, k)).orElseThrow(
                            () -> new RowProblem("Dataset [" + id + "] does not exist."));
            if (Datasets.EXPIRED.equals(d.status())) {
                throw new RowProblem("Dataset [" + id + "] is expired.");
            }
            return d;
        }

        List<FieldDef> fields(long tableId) {
            return fieldsByTable.computeIfAbsent(tableId, t -> tables.fields(ccid, t));
        }

        RowReader reader(long tableId) {
            return readers.computeIfAbsent(tableId,
                    t -> new RowReader(fields(t), centre.zone(), centre.country()));
        }
    }

    /** A checked row waiting for its batch. */
    private record Pending(Datasets.Dataset dataset, Records.NewRecord record,
            boolean dialable, List<String> numbers) {
    }

    Answer create(ApiRequest request) {
        List<ObjectNode> rows = request.rowsEachChecked();
        String dedupe = request.optional("dedupe").map(s -> s.toLowerCase(Locale.ROOT))
                .orElse(null);
        if (dedupe != null && !DEDUPE_SCOPES.contains(dedupe)) {
            throw ApiException.badArgument("dedupe");
        }
        Context ctx = new Context(request.ccid());
        List<RowError> errors = new ArrayList<>();
        List<Pending> batch = new ArrayList<>();
        Boolean lastDialable = null;
        List<Object> keys;
        try (ChunkWriter writer = new ChunkWriter(db, datasets, ctx.ccid)) {
            for (int i = 0; i < rows.size(); i++) {
                Optional<String> unstorable = request.rowProblem(i);
                if (unstorable.isPresent()) {
                    errors.add(new RowError(i, unstorable.get()));
                    continue;
                }
                try {
                    Datasets.Dataset d = ctx.dataset(RowReader.datasetOf(rows.get(i)));
                    RecordData data = ctx.reader(d.tableId()).read(rows.get(i));
                    Pending p = prepare(ctx, d, data);
                    if (dedupe != null) {
                        checkDuplicate(ctx, dedupe, p, batch, writer);
                    }
                    batch.add(p);
                    lastDialable = p.dialable();
                } catch (RowProblem e) {
                    errors.add(new RowError(i, e.getMessage()));
                }
                if (batch.size() >= CHUNK) {
                    write(writer, batch);
                }
            }
            write(writer, batch);
            writer.awaitWritten();
            keys = writer.keys();
        }
        if (keys.size() >= ANALYZE_AFTER) {
            db.analyzeIfOutgrown(Records.RECORDS.getName(), PLANNED_COLUMNS);
        }
        String info = lastDialable == null ? null : lastDialable ? LIVE_INFO : NOT_LIVE_INFO;
        return new Answer.Write(keys.size(), errors, keys, info);
    }

    private static void write(ChunkWriter writer, List<Pending> batch) {
        Map<Long, String> checked = new HashMap<>();
        batch.forEach(p -> checked.put(p.dataset().id(), p.dataset().status()));
        writer.write(batch.stream().map(Pending::record).toList(), checked);
        batch.clear();
    }

    private Pending prepare(Context ctx, Datasets.Dataset d, RecordData data) {
        List<String> numbers = new ArrayList<>();
        data.e164.values().stream().filter(n -> n != null).distinct().forEach(numbers::add);
        if (numbers.isEmpty()) {
            throw new RowProblem("No valid phone number");
        }
        long now = clock.instant().getEpochSecond();
        Records.NewRecord record = new Records.NewRecord();
        record.set(Records.CCID, ctx.ccid);
        record.set(Records.TABLE_ID, d.tableId());
        record.set(Records.DATASETID, d.id());
        data.standard.forEach(record::set);
        for (String phone : StandardFields.PHONES) {
            record.set(Records.e164(phone), data.e164.get(phone));
        }
        checkAgent(ctx, data);
        Boolean complete = outcome(ctx, data);
        Long callback = (Long) data.get("callback");
        boolean worked = data.worked || callback != null || (complete != null && !complete);
        String processType = Boolean.TRUE.equals(complete) ? ProcessTypes.COMPLETE
                : ProcessTypes.open(d.status(), worked);
        record.set(Records.PROCESSTYPE, processType);
        record.set(Records.PROCESSDATE, now);
        record.set(Records.LOADDATE, now);
        record.set(Records.NOTES, notes(ctx, "", data.notesAppend));
        data.custom.forEach((f, v) -> {
            if (!v.isEmpty()) {
                record.custom.put(f.fieldId(), v);
            }
        });
        boolean dialable = dialable(d, processType, callback, now);
        return new Pending(d, record, dialable, numbers);
    }

    private void checkAgent(Context ctx, RecordData data) {
        Long agent = (Long) data.get("AgentRef");
        if (agent != null && agent != 0
                && !ctx.agents.computeIfAbsent(agent, a -> lookups.agentExists(ctx.ccid, a))) {
            throw new RowProblem("Agent [" + agent + "] does not exist.");
        }
        Long specific = (Long) data.get("Agent_Specific");
        if (specific != null && specific != 0 && specific != 1) {
            throw new RowProblem("Field [Agent_Specific] must be 0 or 1");
        }
        Long sametime = (Long) data.get("Call_Back_Sametime");
        if (sametime != null && sametime != 0 && sametime != 1) {
            throw new RowProblem("Field [Call_Back_Sametime] must be 0 or 1");
        }
    }

    /** Whether the row's outcome is complete; {@code null} when it sets none. */
    private Boolean outcome(Context ctx, RecordData data) {
        Long code = (Long) data.get("outcomecode");
        if (code == null || code == 0) {
            return null;
        }
        return ctx.outcomes.computeIfAbsent(code, c -> lookups.outcomeComplete(ctx.ccid, c))
                .orElseThrow(() -> new RowProblem("Outcome [" + code + "] does not exist."));
    }

    private String notes(Context ctx, String old, String append) {
        if (append == null || append.isBlank()) {
            return old;
        }
        String line = Datetimes.format(clock.instant().getEpochSecond(), ctx.centre.zone())
                + " " + append.strip();
        String notes = old.isEmpty() ? line : old + "\n" + line;
        if (notes.length() > 65535) {
            throw new RowProblem("Field [notes] is full");
        }
        return notes;
    }

    private static boolean dialable(Datasets.Dataset d, String processType, Long callback,
            long now) {
        return Datasets.LIVE.equals(d.status()) && d.qid() > 0
                && ProcessTypes.LIVE.contains(processType)
                && (callback == null || callback <= now);
    }

    /**
     * Refuses a row whose number is already on an open record in {@code scope}. The query reads
     * the database, so the rows before it are written first.
     */
    private void checkDuplicate(Context ctx, String scope, Pending row, List<Pending> batch,
            ChunkWriter writer) {
        Datasets.Dataset d = row.dataset();
        List<String> numbers = row.numbers();
        if (batch.stream().anyMatch(b -> !Collections.disjoint(b.numbers(), numbers))) {
            write(writer, batch);
        }
        writer.awaitWritten();

        Condition where = Records.CCID.eq(ctx.ccid)
                .and(Records.PROCESSTYPE.notIn(ProcessTypes.COMPLETE, ProcessTypes.EXPIRED));
        if (scope.equals("dataset")) {
            where = where.and(Records.DATASETID.eq(d.id()));
        } else if (scope.equals("table")) {
            where = where.and(Records.TABLE_ID.eq(d.tableId()));
        }
        // One lookup per number and column, each an equality on its index: H2 reads all the
        // centre's records for an OR across the columns, or for an IN list.
        Select<Record1<Long>> found = null;
        for (String phone : StandardFields.PHONES) {
            for (String number : numbers) {
                Select<Record1<Long>> one = DSL.select(DSL.min(Records.ID))
                        .from(Records.RECORDS).where(where, Records.e164(phone).eq(number));
                found = found == null ? one : found.unionAll(one);
            }
        }
        Field<Long> id = DSL.field(DSL.name("found", "min"), Long.class);
        Long existing = db.dsl().select(DSL.min(id)).from(found.asTable("found", "min"))
                .fetchOne(0, Long.class);
        if (existing != null) {
            throw new RowProblem("Duplicate number: already on record [" + existing + "]");
        }
    }

    Answer update(ApiRequest request) {
        List<ObjectNode> rows = request.rowsEachChecked();
        Context ctx = new Context(request.ccid());
        String queryId = rows.size() == 1 ? request.optional("id").orElse(null) : null;
        List<RowError> errors = new ArrayList<>();
        List<Object> keys = new ArrayList<>();
        String info = null;
        for (int i = 0; i < rows.size(); i++) {
            Optional<String> unstorable = request.rowProblem(i);
            if (unstorable.isPresent()) {
                errors.add(new RowError(i, unstorable.get()));
                continue;
            }
            try {
                ObjectNode row = rows.get(i);
                Updated u = db.transaction(tx -> updateOne(tx, ctx, row, queryId));
                keys.add(u.id());
                info = u.info();
            } catch (RowProblem e) {
                errors.add(new RowError(i, e.getMessage()));
            }
        }
        return new Answer.Write(keys.size(), errors, keys, info);
    }

    private record Updated(long id, String info) {
    }

    private Updated updateOne(DSLContext tx, Context ctx, ObjectNode row, String queryId) {
        RecordSpot spot = locate(tx, ctx, row, queryId);
        Datasets.Dataset d = spot.dataset();
        Record current = spot.record();
        RecordData data = ctx.reader(d.tableId()).read(row);
        Datasets.Dataset target = moveTarget(ctx, d, data);
        long now = clock.instant().getEpochSecond();
        Map<Field<?>, Object> columns = new LinkedHashMap<>();
        data.standard.forEach((f, v) -> columns.put(Records.column(f), v));
        data.e164.forEach((phone, n) -> columns.put(Records.e164(phone), n));
        checkAgent(ctx, data);
        Boolean complete = outcome(ctx, data);
        String oldType = current.get(Records.PROCESSTYPE);
        Long callback = data.has("callback") ? (Long) data.get("callback")
                : current.get(Records.CALLBACK);
        String newType = processType(oldType, target, complete, data, callback);
        if (!newType.equals(oldType) || complete != null) {
            columns.put(Records.PROCESSTYPE, newType);
            columns.put(Records.PROCESSDATE, now);
        }
        if (target.id() != d.id()) {
            columns.put(Records.DATASETID, target.id());
        }
        String notes = notes(ctx, current.get(Records.NOTES), data.notesAppend);
        columns.put(Records.NOTES, notes);
        // A changed record deserves a fresh look from the dialler's compliance guard.
        columns.put(Records.JUDGE_AGAIN_AT, null);
        Map<Long, String> custom = new LinkedHashMap<>();
        data.custom.forEach((f, v) -> custom.put(f.fieldId(), v));
        long id = current.get(Records.ID);
        Records.update(tx, ctx.ccid, id, columns, custom);
        String info = Boolean.TRUE.equals(complete) ? COMPLETE_INFO
                : dialable(target, newType, callback, now) ? LIVE_INFO : NOT_LIVE_INFO;
        return new Updated(id, info);
    }

    private static String processType(String oldType, Datasets.Dataset target, Boolean complete,
            RecordData data, Long callback) {
        if (Boolean.TRUE.equals(complete)) {
            return ProcessTypes.COMPLETE;
        }
        if (oldType.equals(ProcessTypes.COMPLETE) && complete == null) {
            return ProcessTypes.COMPLETE;
        }
        boolean worked = ProcessTypes.isWorked(oldType) || complete != null || data.worked
                || (data.has("callback") && callback != null);
        return ProcessTypes.open(target.status(), worked);
    }

    private Datasets.Dataset moveTarget(Context ctx, Datasets.Dataset d, RecordData data) {
        if (data.dataset == null || data.moveTo == null || data.moveTo.isBlank()
                || data.moveTo.trim().equals(String.valueOf(d.id()))) {
            return d;
        }
        Datasets.Dataset target = ctx.dataset(data.moveTo);
        if (target.tableId() != d.tableId()) {
            throw new RowProblem("Dataset [" + target.id() + "] is not in table ["
                    + d.tableName() + "].");
        }
        return target;
    }

    /** A record found by a row's id and dataset, with its dataset. */
    private record RecordSpot(Record record, Datasets.Dataset dataset) {
    }

    private RecordSpot locate(DSLContext tx, Context ctx, ObjectNode row, String queryId) {
        Map<String, String> keys = Rows.lowerKeys(row);
        String idText = keys.get("id") != null ? keys.get("id") : queryId;
        if (idText == null || idText.isBlank()) {
            throw new RowProblem("Missing id");
        }
        String shownId = idText.trim();
        if (!shownId.matches("\\d{1,18}")) {
            throw new RowProblem("Record id [" + shownId + "] does not exist.");
        }
        String datasetText = RowReader.datasetOf(row);
        if (datasetText == null || datasetText.isBlank()) {
            throw new RowProblem("Missing dataset");
        }
        long id = Long.parseLong(shownId);
        Optional<Datasets.Dataset> d = datasetText.matches("\\d{1,18}")
                ? datasets.byId(tx, ctx.ccid, Long.parseLong(datasetText)) : Optional.empty();
        Optional<Record> record = Records.find(tx, ctx.ccid, id);
        if (d.isEmpty() || record.isEmpty()
                || record.get().get(Records.DATASETID) != d.get().id()) {
            throw new RowProblem("Record id [" + id + "] does not exist.");
        }
        if (Datasets.EXPIRED.equals(d.get().status())) {
            throw new RowProblem("Dataset [" + d.get().id() + "] is expired.");
        }
        return new RecordSpot(record.get(), d.get());
    }

    Answer delete(ApiRequest request) {
        List<ObjectNode> rows = request.rows();
        Context ctx = new Context(request.ccid());
        String queryId = rows.size() == 1 ? request.optional("id").orElse(null) : null;
        return Rows.each(rows, row -> db.transaction(tx -> {
            RecordSpot spot = locate(tx, ctx, row, queryId);
            long id = spot.record().get(Records.ID);
            Records.delete(tx, ctx.ccid, id);
            return id;
        }));
    }
}
