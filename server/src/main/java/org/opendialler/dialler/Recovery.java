package org.opendialler.dialler;

import static org.opendialler.dialler.EngineTables.*;

import java.time.Instant;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.opendialler.ecnow.ProcessTypes;
import org.opendialler.phone.Destinations;
import org.opendialler.reporting.CdrStore;
import org.opendialler.store.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes what a stopped server left open, before the engine dials: each open call of this node
 * (or of a node whose lease ran out) gets outcome 108 {@code Dialler Error} and a CDR, its record
 * is released (with outcome 110 when that was its last attempt); a third party's leg or a
 * customer a queue took over gets its CDR only, since the record's attempt was the dialler's own
 * call; leases of this node and expired ones are cleared; agents left logged in are logged
 * out.
 */
final class Recovery {

    private static final Logger LOG = LoggerFactory.getLogger(Recovery.class);
    private static final Outcome ERROR = Outcome.DIALLER_ERROR;

    private Recovery() {
    }

    static int run(Database db, String node, Instant now) {
        long nowS = now.getEpochSecond();
        int closed = 0;
        for (Record open : db.dsl().select(CALLS_OPEN.fields()).from(CALLS_OPEN)
                .where(CO_NODE.eq(node).or(CO_RECORD.notIn(DSL.select(R_ID).from(RECORDS)
                        .where(R_LEASE.ge(nowS))))).fetch()) {
            db.transaction(tx -> {
                close(tx, open, now);
                return null;
            });
            closed++;
        }
        int released = db.dsl().update(RECORDS).setNull(R_CLAIMED_BY).setNull(R_LEASE)
                .where(R_CLAIMED_BY.eq(node).or(R_LEASE.lt(nowS))).execute();
        logOutAgents(db, nowS);
        if (closed > 0 || released > 0) {
            LOG.info("Recovery: {} calls left open closed with outcome 108, {} claims released",
                    closed, released);
        }
        return closed;
    }

    private static void close(DSLContext tx, Record open, Instant now) {
        long ccid = open.get(CO_CCID);
        long recordId = open.get(CO_RECORD);
        Instant init = Instant.ofEpochMilli(open.get(CO_INIT_MS));
        Record rec = tx.select(R_PROCESSTYPE, R_ATTEMPTS).from(RECORDS)
                .where(R_ID.eq(recordId), R_CCID.eq(ccid)).fetchOne();
        Record ds = tx.select(D_STATUS, D_DESCRIPTION).from(DATASETS)
                .where(D_ID.eq(open.get(CO_DATASET))).fetchOne();
        String dtype = open.get(CO_DTYPE);
        if (rec != null && !Cdr.DTYPE_TPT.equals(dtype)) {
            String status = ds == null ? null : ds.get(D_STATUS);
            String processType = RecordStates.after(rec.get(R_PROCESSTYPE), status, false,
                    false);
            Integer maxAttempts = tx.select(Q_MAX_ATTEMPTS).from(QUEUES)
                    .where(Q_ID.eq(open.get(CO_QID)), Q_CCID.eq(ccid))
                    .fetchOne(Q_MAX_ATTEMPTS);
            // A call lost to a stop still counts as an attempt, and may be the last one.
            Outcome written = ERROR;
            if (RecordStates.attemptsSpent(processType, rec.get(R_ATTEMPTS) + 1, maxAttempts)) {
                written = Outcome.MAX_ATTEMPTS;
                processType = ProcessTypes.COMPLETE;
            }
            tx.update(RECORDS).set(R_OUTCOME, (long) written.id())
                    .set(R_PROCESSTYPE, processType).set(R_PROCESSDATE, now.getEpochSecond())
                    .set(R_ATTEMPTS, R_ATTEMPTS.plus(1))
                    .set(R_LAST_ATTEMPT, init.getEpochSecond())
                    .setNull(R_CLAIMED_BY).setNull(R_LEASE)
                    .where(R_ID.eq(recordId), R_CCID.eq(ccid)).execute();
        }
        Record q = tx.select(Q_DESCRIPTION, DSL.field(DSL.name("campaign_table"), String.class))
                .from(QUEUES).where(Q_ID.eq(open.get(CO_QID))).fetchOne();
        Destinations.Destination to = Destinations.of(open.get(CO_DDI), "ZZ");
        // How long the call really lasted died with the server: it is recorded as no time.
        CdrStore.insert(tx, org.opendialler.reporting.Cdr.builder()
                .ccid(ccid).callid(open.get(CO_CALLID)).qid(open.get(CO_QID))
                .qtable(q == null || q.get(1) == null ? "" : q.get(1, String.class))
                .qtype("outbound")
                .qnm(q == null || q.get(0) == null ? "" : q.get(0, String.class))
                .dsid(open.get(CO_DATASET))
                .dsnm(ds == null ? "" : ds.get(D_DESCRIPTION)).urn(recordId)
                .ddi(open.get(CO_DDI)).cli(open.get(CO_CLI)).dest(to.dest()).dcode(to.dcode())
                .isMob(to.mobile()).ctype("out").dtype(dtype)
                .cres(ERROR.description()).ocid(ERROR.id()).ocnm(ERROR.description())
                .tmInit(init).tmDisc(init).lastUpdate(now).build());
        tx.deleteFrom(CALLS_OPEN).where(CO_CALLID.eq(open.get(CO_CALLID))).execute();
    }

    private static void logOutAgents(Database db, long nowS) {
        db.transaction(tx -> {
            tx.update(STATUS_LOG).set(S_STOP, nowS)
                    .set(S_SEC, DSL.greatest(S_START.neg().plus(nowS), DSL.val(0L)))
                    .where(S_STOP.isNull()).execute();
            tx.update(AGENTS).set(A_LOGGED_IN, false).where(A_LOGGED_IN.isTrue()).execute();
            var logout = DSL.field(DSL.name("tm_logout"), Long.class);
            var login = DSL.field(DSL.name("tm_login"), Long.class);
            var last = DSL.field(DSL.name("tm_last"), Long.class);
            tx.update(DSL.table(DSL.name("agent_sessions")))
                    .set(logout, DSL.coalesce(last, login))
                    .where(logout.isNull()).execute();
            return null;
        });
    }
}
