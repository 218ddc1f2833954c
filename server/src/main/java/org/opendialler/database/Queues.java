package org.opendialler.database;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.opendialler.store.Database;

/**
 * Queues as other areas need them: type, campaign table and the dialler's settings. A queue is
 * dialled only when {@link Queue#live()}; an outbound queue is never live without a caller id.
 * Thread-safe.
 */
public final class Queues {

    static final Table<Record> TABLE = table(name("queues"));
    static final Field<Long> QID = field(name("qid"), Long.class);
    static final Field<Long> CCID = field(name("ccid"), Long.class);
    static final Field<String> TYPE = field(name("queue_type"), String.class);
    static final Field<String> CAMPAIGN_TABLE = field(name("campaign_table"), String.class);
    static final Field<String> CALLERID = field(name("callerid"), String.class);
    static final Field<String> LIVE = field(name("live"), String.class);
    static final Field<String> AMD = field(name("amd"), String.class);
    static final Field<Long> TOD = field(name("tod"), Long.class);
    static final Field<String> DIAL_MODE = field(name("dial_mode"), String.class);
    static final Field<BigDecimal> MAX_RATIO = field(name("max_ratio"), BigDecimal.class);
    static final Field<BigDecimal> ABANDON_TARGET =
            field(name("abandon_target"), BigDecimal.class);
    static final Field<Integer> RING_TIME = field(name("ring_time"), Integer.class);
    static final Field<Integer> WRAP_TIME = field(name("wrap_time"), Integer.class);
    static final Field<String> CALL_HOURS = field(name("call_hours"), String.class);
    static final Field<BigDecimal> AMD_FP_RATE = field(name("amd_fp_rate"), BigDecimal.class);
    static final Field<Integer> MAX_ATTEMPTS = field(name("max_attempts"), Integer.class);
    static final Field<Integer> RETRY_MINUTES = field(name("retry_minutes"), Integer.class);

    /** The queue types of the protocol. */
    public static final List<String> TYPES = List.of("inbound", "outbound", "ivr", "broadcast",
            "message", "sms_out", "sms_broadcast");

    /**
     * A queue as the dialler sees it.
     *
     * @param table the campaign table of an outbound queue, else {@code null}
     * @param tod the time-of-day policy id, or {@code null}
     * @param abandonTarget percent
     * @param ringTime seconds; {@code wrapTime} too
     * @param callHours the local calling window, such as {@code 08:00-21:00}
     * @param amdFpRate the percent of machine detections taken to be persons
     *     ({@code amd_fp_rate})
     */
    public record Queue(long qid, String type, String table, String callerId, boolean live,
            boolean amd, Long tod, String dialMode, BigDecimal maxRatio,
            BigDecimal abandonTarget, int ringTime, int wrapTime, String callHours,
            int maxAttempts, int retryMinutes, BigDecimal amdFpRate) {
    }

    private final Database db;

    public Queues(Database db) {
        this.db = db;
    }

    /** The centre's queue with this id, or empty (also for another centre's queue). */
    public Optional<Queue> find(long ccid, long qid) {
        return db.dsl().selectFrom(TABLE).where(CCID.eq(ccid)).and(QID.eq(qid))
                .fetchOptional(Queues::toQueue);
    }

    public boolean exists(long ccid, long qid) {
        return find(ccid, qid).isPresent();
    }

    /** The centre's queues that dial this campaign table. */
    public List<Queue> ofTable(long ccid, String campaignTable) {
        return db.dsl().selectFrom(TABLE).where(CCID.eq(ccid))
                .and(CAMPAIGN_TABLE.eq(campaignTable)).orderBy(QID).fetch(Queues::toQueue);
    }

    static Queue toQueue(Record r) {
        return new Queue(r.get(QID), r.get(TYPE), r.get(CAMPAIGN_TABLE), r.get(CALLERID),
                "Y".equals(r.get(LIVE)), "Y".equals(r.get(AMD)), r.get(TOD), r.get(DIAL_MODE),
                r.get(MAX_RATIO), r.get(ABANDON_TARGET), r.get(RING_TIME), r.get(WRAP_TIME),
                r.get(CALL_HOURS), r.get(MAX_ATTEMPTS), r.get(RETRY_MINUTES),
                r.get(AMD_FP_RATE));
    }
}
