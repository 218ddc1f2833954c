package org.opendialler.live;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.table;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.opendialler.database.Queues;
import org.opendialler.dialler.AgentDesk;
import org.opendialler.dialler.DiallerEngine;
import org.opendialler.phone.PhoneNumbers;
import org.opendialler.protocol.Answer;
import org.opendialler.protocol.ApiException;
import org.opendialler.protocol.ApiRequest;
import org.opendialler.protocol.Format;
import org.opendialler.protocol.Script;
import org.opendialler.store.Database;
import org.opendialler.tenancy.Centre;
import org.opendialler.tenancy.Tenancy;

/**
 * {@code click2dial.php}: connects a web site's visitor to a waiting agent of a queue now. The
 * record is found by its number (or made) in the queue's campaign table, claimed through the
 * compliance guard, and dialled for the longest-waiting agent.
 */
public final class ClickToDialScript implements Script {

    static final String NO_AGENT = "No agent available";
    private static final Field<Long> CCID = field(DSL.name("ccid"), Long.class);
    private static final Field<Long> QID = field(DSL.name("qid"), Long.class);
    private static final Field<Long> ID = field(DSL.name("id"), Long.class);
    private static final Field<Long> TABLE_ID = field(DSL.name("table_id"), Long.class);
    private static final Field<Long> DATASET_ID = field(DSL.name("dataset_id"), Long.class);
    private static final Field<Long> DATASETID = field(DSL.name("datasetid"), Long.class);
    /** Record fields a visitor's form may fill: the request's name and the column. */
    private static final Map<String, String> FIELDS = Map.of("title", "title",
            "firstname", "firstname", "lastname", "lastname", "postcode", "postcode",
            "email", "customer_email", "customer_email", "customer_email",
            "address1", "address1", "notes", "notes");

    private final Supplier<DiallerEngine> engine;
    private final Database db;
    private final Tenancy tenancy;
    private final Clock clock;

    public ClickToDialScript(Supplier<DiallerEngine> engine, Database db, Tenancy tenancy,
            Clock clock) {
        this.engine = engine;
        this.db = db;
        this.tenancy = tenancy;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "click2dial.php";
    }

    @Override
    public Format defaultFormat() {
        return Format.JSON;
    }

    @Override
    public Answer handle(ApiRequest request) {
        long qid = request.longParam("qid").orElseThrow(() -> ApiException.badArgument("qid"));
        Centre centre = tenancy.centre(request.ccid()).orElseThrow();
        String number = request.optional("number")
                .flatMap(n -> PhoneNumbers.e164(n, centre.country()))
                .orElseThrow(() -> ApiException.badArgument("number"));
        String queueTable = new Queues(db).find(request.ccid(), qid).map(Queues.Queue::table)
                .orElseThrow(() -> new ApiException("Queue not found"));
        DiallerEngine running = engine.get();
        if (running == null) {
            throw new ApiException(AgentScript.NOT_RUNNING);
        }

        long urn = db.transaction(tx -> findOrCreate(tx, request, qid, queueTable, number));
        AgentDesk.Click click = running.desk(request.ccid()).click2dial(qid, urn);
        if (click.callId() == null) {
            throw new ApiException(NO_AGENT.equals(click.refusal()) ? NO_AGENT
                    : "Number not dialled: " + click.refusal(), Map.of("urn", urn));
        }
        return Answer.Fields.of("callid", click.callId(), "urn", urn);
    }

    private long findOrCreate(DSLContext tx, ApiRequest request, long qid, String tableName,
            String number) {
        long ccid = request.ccid();
        Long tableId = tableName == null ? null : tx.select(TABLE_ID)
                .from(table(DSL.name("campaign_tables")))
                .where(CCID.eq(ccid), field(DSL.name("name_lower"), String.class)
                        .eq(tableName.toLowerCase(Locale.ROOT))).fetchOne(TABLE_ID);
        if (tableId == null) {
            throw new ApiException("Queue has no campaign table");
        }
        long dataset = dataset(tx, request, qid, tableId);
        Long found = tx.select(ID).from(table(DSL.name("records")))
                .where(CCID.eq(ccid), TABLE_ID.eq(tableId))
                .and(e164("homephone").eq(number).or(e164("workphone").eq(number))
                        .or(e164("mobilephone").eq(number)))
                .orderBy(ID).limit(1).fetchOne(ID);
        if (found != null) {
            return found;
        }
        return insert(tx, request, tableId, dataset, number);
    }

    private long dataset(DSLContext tx, ApiRequest request, long qid, long tableId) {
        var where = CCID.eq(request.ccid()).and(TABLE_ID.eq(tableId));
        if (request.has("dataset")) {
            Long id = tx.select(DATASET_ID).from(table(DSL.name("datasets")))
                    .where(where, field(DSL.name("description"), String.class)
                            .eq(request.param("dataset")))
                    .orderBy(DATASET_ID).limit(1).fetchOne(DATASET_ID);
            if (id == null) {
                throw new ApiException("Dataset not found");
            }
            return id;
        }
        Long id = tx.select(DATASET_ID).from(table(DSL.name("datasets")))
                .where(where, QID.eq(qid), field(DSL.name("d_status"), String.class).eq("LIVE"))
                .orderBy(DATASET_ID).limit(1).fetchOne(DATASET_ID);
        if (id == null) {
            throw new ApiException("Queue has no LIVE dataset");
        }
        return id;
    }

    private long insert(DSLContext tx, ApiRequest request, long tableId, long dataset,
            String number) {
        long id = tx.nextval(DSL.sequence(DSL.name("record_ids"), Long.class));
        Map<Field<?>, Object> row = new LinkedHashMap<>();
        row.put(ID, id);
        row.put(CCID, request.ccid());
        row.put(TABLE_ID, tableId);
        row.put(DATASETID, dataset);
        row.put(field(DSL.name("mobilephone")), request.param("number").trim());
        row.put(e164("mobilephone"), number);
        row.put(field(DSL.name("processtype")), "New Prospect");
        row.put(field(DSL.name("loaddate")), clock.instant().getEpochSecond());
        row.put(field(DSL.name("sourcefile")), "click2dial");
        for (String name : request.names()) {
            String column = FIELDS.get(name.toLowerCase(Locale.ROOT));
            if (column != null) {
                row.put(field(DSL.name(column)), request.param(name));
            }
        }
        tx.insertInto(table(DSL.name("records"))).set(row).execute();
        return id;
    }

    private static Field<String> e164(String phone) {
        return field(DSL.name(phone + "_e164"), String.class);
    }
}
