package org.opendialler.dialler;

import static org.opendialler.dialler.EngineTables.*;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.opendialler.ecnow.ProcessTypes;
import org.opendialler.phone.Destinations;
import org.opendialler.reporting.CdrStore;
import org.opendialler.store.Database;

/**
 * Writes a finished call of one queue in ONE transaction: the record (outcome, ProcessType,
 * attempts, callback, lease cleared; outcome 110 and {@code COMPLETE} when the call spends the
 * queue's {@code max_attempts}), DNC entries for a do-not-call outcome, the CDR, the
 * agent's state change and session, and the end of the open call row. A recording is written
 * to {@code recordings/CCID/CALLID.wav} before the transaction. Called on the scheduler thread.
 */
public final class SqlCallOutcomes implements CallOutcomes {

    private final Database db;
    private final long ccid;
    private final QueueNames names;
    private final AgentLog agentLog;
    private final Path recordings;
    private final EngineStats stats;
    private final EngineMetrics metrics;

    /** The names a CDR copies of its queue: {@code qnm}, {@code cid}, {@code cnm}. */
    public record QueueNames(long qid, String table, String name, long campaignId,
            String campaignName) {
    }

    SqlCallOutcomes(Database db, long ccid, QueueNames names, AgentLog agentLog,
            Path recordings, EngineStats stats, EngineMetrics metrics) {
        this.db = db;
        this.ccid = ccid;
        this.names = names;
        this.agentLog = agentLog;
        this.recordings = recordings;
        this.stats = stats;
        this.metrics = metrics;
    }

    @Override
    public void record(CallResult result) {
        boolean recorded = result.recording() != null && writeRecording(result);
        db.transaction(tx -> {
            write(tx, result, recorded);
            return null;
        });
        if (!Cdr.DTYPE_TPT.equals(result.cdr().dtype())) {
            // The engine's counts are of the calls it placed; a transfer's leg is none of them.
            stats.finished(result);
            metrics.finished(ccid, result);
        }
    }

    private boolean writeRecording(CallResult result) {
        Path dir = recordings.resolve(Long.toString(ccid));
        Path file = dir.resolve(result.cdr().callId() + ".wav");
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, "rec", ".part");
            Files.write(tmp, result.recording());
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write recording " + file, e);
        }
    }

    private void write(DSLContext tx, CallResult result, boolean recorded) {
        ClaimedRecord claimed = result.record();
        Record rec = tx.select(R_PROCESSTYPE, R_NOTES, R_HOME, R_WORK, R_MOBILE, R_AGENTREF,
                        R_AGENT_SPECIFIC, R_ATTEMPTS)
                .from(RECORDS).where(R_ID.eq(claimed.recordId()), R_CCID.eq(ccid)).fetchOne();
        CallResult.RecordWrite w = result.write();
        if (rec != null && w.outcome()) {
            updateRecord(tx, result, rec);
            if (result.outcome().doNotCall()) {
                listNumbers(tx, claimed.recordId(), rec, result.at());
            }
        } else if (rec != null && w.releaseLease()) {
            tx.update(RECORDS).setNull(R_CLAIMED_BY).setNull(R_LEASE)
                    .where(R_ID.eq(claimed.recordId()), R_CCID.eq(ccid)).execute();
        }
        CdrStore.insert(tx, cdr(tx, result, recorded));
        if (result.agentChange() != null) {
            agentLog.write(tx, result.agentChange());
        }
        tx.deleteFrom(CALLS_OPEN).where(CO_CALLID.eq(result.cdr().callId())).execute();
    }

    private void updateRecord(DSLContext tx, CallResult result, Record rec) {
        Outcome outcome = result.outcome();
        String datasetStatus = tx.select(D_STATUS).from(DATASETS)
                .where(D_ID.eq(result.record().datasetId())).fetchOne(D_STATUS);
        String processType = RecordStates.after(rec.get(R_PROCESSTYPE), datasetStatus,
                outcome.complete(), result.setByAgent());

        // The queue's rule is read now, in this transaction, so a change made during the call
        // counts. The CDR keeps the call's own outcome; only the record shows 110.
        Integer maxAttempts = tx.select(Q_MAX_ATTEMPTS).from(QUEUES)
                .where(Q_ID.eq(names.qid()), Q_CCID.eq(ccid)).fetchOne(Q_MAX_ATTEMPTS);
        Outcome written = outcome;
        boolean attempt = result.write().attempt();
        if (attempt && RecordStates.attemptsSpent(processType, rec.get(R_ATTEMPTS) + 1,
                maxAttempts)) {
            written = Outcome.MAX_ATTEMPTS;
            processType = ProcessTypes.COMPLETE;
        }

        var update = tx.update(RECORDS)
                .set(R_OUTCOME, (long) written.id())
                .set(R_PROCESSTYPE, processType)
                .set(R_PROCESSDATE, result.at().getEpochSecond());
        if (attempt) {
            update = update.set(R_ATTEMPTS, R_ATTEMPTS.plus(1))
                    .set(R_LAST_ATTEMPT, result.cdr().tmInit().getEpochSecond());
        }
        if (result.write().releaseLease()) {
            update = update.setNull(R_CLAIMED_BY).setNull(R_LEASE);
        }
        Disposition d = result.disposition();
        if (d.callback() != null) {
            long agent = result.cdr().agentId() == null ? 0 : result.cdr().agentId();
            update = update.set(R_CALLBACK, d.callback().getEpochSecond())
                    .set(R_AGENT_SPECIFIC, d.agentSpecific() ? 1L : 0L)
                    .set(R_AGENTREF, d.agentSpecific() ? agent : rec.get(R_AGENTREF));
        } else if (result.setByAgent() && result.record().callback()) {
            // The agent worked the callback; a dialler outcome keeps it so it is never lost.
            update = update.setNull(R_CALLBACK).set(R_AGENT_SPECIFIC, 0L);
        }
        if (d.notes() != null && !d.notes().isBlank()) {
            String notes = rec.get(R_NOTES);
            update = update.set(R_NOTES, notes.isEmpty() ? d.notes() : notes + "\n" + d.notes());
        }
        update.where(R_ID.eq(result.record().recordId()), R_CCID.eq(ccid)).execute();
    }

    private void listNumbers(DSLContext tx, long recordId, Record rec, Instant at) {
        Stream.of(rec.get(R_HOME), rec.get(R_WORK), rec.get(R_MOBILE))
                .filter(n -> n != null && !n.isBlank()).distinct().forEach(n -> {
                    boolean listed = tx.fetchExists(org.jooq.impl.DSL.selectOne().from(DNC)
                            .where(DNC_CCID.eq(ccid), DNC_DDI.eq(n), DNC_QID.eq(0L)));
                    if (!listed) {
                        tx.insertInto(DNC).set(DNC_CCID, ccid).set(DNC_DDI, n)
                                .set(DNC_QID, 0L).set(DNC_URN, recordId)
                                .set(DNC_ADDED, at.getEpochSecond()).execute();
                    }
                });
    }

    /** {@code recorded}, and {@code info_message} when an abandoned call heard the message. */
    static String flags(CallResult result, boolean recorded) {
        List<String> flags = new ArrayList<>();
        if (recorded) {
            flags.add("recorded");
        }
        if (result.abandoned() && result.infoMessage() != null) {
            flags.add("info_message");
        }
        return String.join(",", flags);
    }

    private org.opendialler.reporting.Cdr cdr(DSLContext tx, CallResult result,
            boolean recorded) {
        Cdr c = result.cdr();
        Outcome o = result.outcome();
        String dataset = tx.select(D_DESCRIPTION).from(DATASETS)
                .where(D_ID.eq(c.datasetId())).fetchOne(D_DESCRIPTION);
        // The claim dials E.164 numbers, so no default country is needed to read them.
        Destinations.Destination to = Destinations.of(c.ddi(), "ZZ");
        var b = org.opendialler.reporting.Cdr.builder()
                .ccid(ccid).callid(c.callId()).qid(c.qid()).qtable(c.table()).qtype("outbound")
                .qnm(names.name()).origQnm(firstQueue(tx, c))
                .cid(names.campaignId()).cnm(names.campaignName())
                .dsid(c.datasetId()).dsnm(dataset == null ? "" : dataset).urn(c.urn())
                .ddi(c.ddi()).cli(c.cli()).dest(to.dest()).dcode(to.dcode()).isMob(to.mobile())
                .ctype("out").dtype(c.dtype()).cres(c.cres())
                .carrier(c.carrier()).ocid(o.id()).ocnm(o.description())
                .ocComplete(o.complete()).ocSale(o.sale()).ocDmc(o.dmc())
                .ocAnswerphone(o.answerphone()).flags(flags(result, recorded))
                .tmInit(c.tmInit()).tmAnsw(c.tmAnswer()).tmDisc(c.tmDisconnect())
                .lastUpdate(result.at()).ring(c.ring()).duration(c.duration());
        if (c.queued() != null) {
            b.queue(c.queued()).tmCustomer(c.tmAnswer().plus(c.queued()));
        }
        if (c.talk() != null) {
            b.talk(c.talk());
        }
        if (c.wrap() != null) {
            b.wrap(c.wrap());
        }
        if (c.thirdParty() != null) {
            b.tpt(c.thirdParty());
        }
        if (c.agentId() != null) {
            agent(tx, b, c.agentId());
        }
        return b.build();
    }

    /** The description of the call's first queue: this one unless a transfer brought it. */
    private String firstQueue(DSLContext tx, Cdr c) {
        if (c.origQid() == names.qid()) {
            return names.name();
        }
        String name = tx.select(Q_DESCRIPTION).from(QUEUES)
                .where(Q_ID.eq(c.origQid()), Q_CCID.eq(ccid)).fetchOne(Q_DESCRIPTION);
        return name == null ? "" : name;
    }

    private void agent(DSLContext tx, org.opendialler.reporting.Cdr.Builder b, long agentId) {
        Record a = tx.select(A_FIRST, A_LAST, A_LOGIN, A_TEAM).from(AGENTS)
                .where(A_CCID.eq(ccid), A_ID.eq(agentId)).fetchOne();
        b.aid(agentId);
        if (a == null) {
            return;
        }
        b.anm(AgentNames.of(a.get(A_FIRST), a.get(A_LAST), a.get(A_LOGIN)));
        Long team = a.get(A_TEAM);
        if (team != null && team > 0) {
            String tnm = tx.select(TEAM_NAME).from(TEAMS).where(TEAM_ID.eq(team))
                    .fetchOne(TEAM_NAME);
            b.tid(team).tnm(tnm == null ? "" : tnm);
        }
    }
}
