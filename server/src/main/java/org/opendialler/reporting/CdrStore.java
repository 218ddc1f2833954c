package org.opendialler.reporting;

import static org.opendialler.reporting.CdrTable.*;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Sequence;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.opendialler.store.Database;

/**
 * Writes call detail records. The dialler calls it inside its own transactions, so every method
 * takes the {@link DSLContext} to write with. Stateless and thread-safe.
 *
 * <p>Each row also keeps {@code tm_init} as a wall-clock minute and month in the centre's time
 * zone at insert time, so that reports group by local day, hour or slot in plain SQL.
 */
public final class CdrStore {

    private static final Sequence<Long> CALLIDS =
            DSL.sequence(DSL.name("cdr_callid_seq"), SQLDataType.BIGINT);
    private static final Set<String> DTYPES = Set.of("in", "out", "man", "tpt", "sms_out");
    private static final int BATCH = 500;

    private CdrStore() {
    }

    /** A call id from the service-wide sequence, for a call whose CDR is written later. */
    public static long nextCallid(DSLContext dsl) {
        return dsl.select(CALLIDS.nextval()).fetchOne(0, Long.class);
    }

    /**
     * Inserts one CDR and answers its call id (the one given, or a new one when it is 0).
     *
     * @throws IllegalArgumentException when the record breaks a rule of {@link Cdr}
     */
    public static long insert(DSLContext dsl, Cdr cdr) {
        return insertAll(dsl, List.of(cdr)).get(0);
    }

    /**
     * Inserts CDRs in order, in batches, adds them to the report's slots, and answers their call
     * ids in the same order. Call it inside a transaction so that both writes land together.
     */
    public static List<Long> insertAll(DSLContext dsl, List<Cdr> cdrs) {
        cdrs.forEach(CdrStore::check);
        Map<Long, ZoneId> zones = new HashMap<>();
        List<Long> callids = new ArrayList<>();
        for (int from = 0; from < cdrs.size(); from += BATCH) {
            List<Cdr> chunk = cdrs.subList(from, Math.min(cdrs.size(), from + BATCH));
            var insert = dsl.insertInto(CDR).set(row(dsl, zones, chunk.get(0), callids));
            for (Cdr cdr : chunk.subList(1, chunk.size())) {
                insert = insert.newRecord().set(row(dsl, zones, cdr, callids));
            }
            insert.execute();
        }
        CdrSlots.add(dsl, callids);
        return callids;
    }

    /** Fills the report's slots from the CDRs written before they existed; once, at start. */
    public static void fillReportSlots(Database db) {
        CdrSlots.fillIfEmpty(db);
    }

    static void check(Cdr cdr) {
        if (cdr.ccid() <= 0 || cdr.tmInit() == null) {
            throw new IllegalArgumentException("a CDR needs a ccid and tmInit");
        }
        if (!DTYPES.contains(cdr.dtype())) {
            throw new IllegalArgumentException("unknown dtype: " + cdr.dtype());
        }
        if (!"in".equals(cdr.ctype()) && !"out".equals(cdr.ctype())) {
            throw new IllegalArgumentException("ctype must be in or out: " + cdr.ctype());
        }
        boolean flags = cdr.ocComplete() || cdr.ocSale() || cdr.ocDmc() || cdr.ocAnswerphone();
        if (cdr.ocid() == 0 && flags) {
            throw new IllegalArgumentException("outcome flags without an outcome, call "
                    + cdr.callid());
        }
    }

    private static Map<Field<?>, Object> row(DSLContext dsl, Map<Long, ZoneId> zones, Cdr c,
            List<Long> callids) {
        long callid = c.callid() > 0 ? c.callid() : nextCallid(dsl);
        callids.add(callid);
        ZoneId zone = zones.computeIfAbsent(c.ccid(), ccid -> zoneOf(dsl, ccid));
        LocalDateTime local = LocalDateTime.ofInstant(c.tmInit(), zone);

        Map<Field<?>, Object> row = new LinkedHashMap<>();
        row.put(CALLID, callid);
        row.put(CCID, c.ccid());
        putNames(row, c);
        putOutcome(row, c);
        putTimes(row, c);
        row.put(LOC_MINUTE, Math.floorDiv(local.toEpochSecond(ZoneOffset.UTC), 60));
        row.put(LOC_MONTH, local.getYear() * 100 + local.getMonthValue());
        return row;
    }

    private static void putNames(Map<Field<?>, Object> row, Cdr c) {
        row.put(QID, c.qid());
        row.put(QTABLE, text(c.qtable()));
        row.put(QTYPE, text(c.qtype()));
        row.put(QNM, text(c.qnm()));
        row.put(ORIG_QNM, text(c.origQnm()));
        row.put(CID, c.cid());
        row.put(CNM, text(c.cnm()));
        row.put(AID, c.aid());
        row.put(ANM, text(c.anm()));
        row.put(TID, c.tid());
        row.put(TNM, text(c.tnm()));
        row.put(DSID, c.dsid());
        row.put(DSNM, text(c.dsnm()));
        row.put(URN, c.urn());
        row.put(DDI, text(c.ddi()));
        row.put(CLI, text(c.cli()));
        row.put(DEST, text(c.dest()));
        row.put(DCODE, text(c.dcode()));
        row.put(CTYPE, c.ctype());
        row.put(DTYPE, c.dtype());
        row.put(CRES, text(c.cres()));
        row.put(FLAGS, text(c.flags()));
        row.put(CARRIER, text(c.carrier()));
        row.put(CTAG, c.ctag());
        row.put(TAG, text(c.tag()));
        row.put(SMS_MSG, text(c.smsMsg()));
        row.put(IS_MOB, c.isMob());
        row.put(IVR_KEY, text(c.ivrKey()));
        row.put(TERM_BY, text(c.terminate()));
    }

    private static void putOutcome(Map<Field<?>, Object> row, Cdr c) {
        row.put(OCID, c.ocid());
        row.put(OCNM, text(c.ocnm()));
        row.put(OC_COMPLETE, c.ocComplete());
        row.put(OC_SALE, c.ocSale());
        row.put(OC_DMC, c.ocDmc());
        row.put(OC_ANSWERPHONE, c.ocAnswerphone());
        row.put(COST_CUST, c.costCust() == null ? java.math.BigDecimal.ZERO : c.costCust());
        row.put(BILL_CUST, c.billCust() == null ? java.math.BigDecimal.ZERO : c.billCust());
        row.put(BILL_DUR, c.billDur());
    }

    private static void putTimes(Map<Field<?>, Object> row, Cdr c) {
        row.put(T_INIT_MS, c.tmInit().toEpochMilli());
        row.put(T_ANSW_MS, millis(c.tmAnsw()));
        row.put(T_DISC_MS, millis(c.tmDisc()));
        row.put(T_CUSTOMER_MS, millis(c.tmCustomer()));
        row.put(LAST_UPDATE_MS, millis(c.lastUpdate()));
        row.put(MS_RING, millis(c.ring()));
        row.put(MS_QUE, millis(c.queue()));
        row.put(MS_DUR, millis(c.duration()));
        row.put(MS_TALK, millis(c.talk()));
        row.put(MS_TPT, millis(c.tpt()));
        row.put(MS_WRAP, millis(c.wrap()));
        row.put(MS_WAIT, millis(c.waitTime()));
        row.put(MS_KEY, millis(c.key()));
    }

    private static ZoneId zoneOf(DSLContext dsl, long ccid) {
        String zone = dsl.select(DSL.field(DSL.name("timezone"), String.class))
                .from(DSL.table(DSL.name("centres")))
                .where(CCID.eq(ccid))
                .fetchOptional(0, String.class)
                .orElseThrow(() -> new IllegalArgumentException("no contact centre " + ccid));
        return ZoneId.of(zone);
    }

    private static String text(String s) {
        return s == null ? "" : s;
    }

    private static Long millis(Instant t) {
        return t == null ? null : t.toEpochMilli();
    }

    private static long millis(Duration d) {
        return d == null ? 0 : d.toMillis();
    }
}
