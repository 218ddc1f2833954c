package org.opendialler.dialler;

import static org.opendialler.dialler.EngineTables.*;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.opendialler.compliance.Candidate;
import org.opendialler.compliance.DialGuard;
import org.opendialler.compliance.Reason;
import org.opendialler.compliance.Verdict;
import org.opendialler.ecnow.ProcessTypes;
import org.opendialler.ecnow.ZoneField;
import org.opendialler.phone.PhoneNumbers;
import org.opendialler.store.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SQL claims of one outbound queue: dialable records in claim order, each judged by the
 * {@link DialGuard} and leased to this node in the same transaction. On PostgreSQL the rows are
 * locked with {@code FOR UPDATE SKIP LOCKED}; on both databases the lease is taken by an update
 * that only succeeds while the lease is free, so two claimers never get one record. Also the
 * {@link CallGate}: the record is checked again, and the open call written, just before a call.
 */
public final class SqlRecordClaims implements RecordClaims, CallGate {

    private static final Logger LOG = LoggerFactory.getLogger(SqlRecordClaims.class);
    /** H2 runs in one process: one claim at a time there is exclusive and cheap enough. */
    private static final Object H2_CLAIM_LOCK = new Object();
    private static final Duration JUDGE_AGAIN_AFTER = Duration.ofMinutes(15);
    private static final List<String> DIALABLE = List.of(ProcessTypes.NEW, ProcessTypes.WORKED);
    private static final String DNC_REFUSAL = Reason.DNC.wire();

    private final Database db;
    private final long ccid;
    private final QueueRules rules;
    private final String node;
    private final DialGuard guard;
    private final Clock clock;
    private final Duration lease;

    /**
     * The attempt rules of a queue ({@code max_attempts}, {@code retry_minutes}).
     */
    public record QueueRules(long qid, String table, int maxAttempts, int retryMinutes) {
    }

    public SqlRecordClaims(Database db, long ccid, QueueRules rules, String node, DialGuard guard,
            Clock clock, Duration lease) {
        this.db = db;
        this.ccid = ccid;
        this.rules = rules;
        this.node = node;
        this.guard = guard;
        this.clock = clock;
        this.lease = lease;
    }

    @Override
    public List<ClaimedRecord> claim(QueueSettings queue, int max, Set<Long> agents,
            boolean agentGuaranteed) {
        if (max <= 0) {
            return List.of();
        }
        if (db.isPostgres()) {
            return db.transaction(tx -> claimIn(tx, max, agents, agentGuaranteed));
        }
        synchronized (H2_CLAIM_LOCK) {
            return db.transaction(tx -> claimIn(tx, max, agents, agentGuaranteed));
        }
    }

    private List<ClaimedRecord> claimIn(DSLContext tx, int max, Set<Long> agents,
            boolean agentGuaranteed) {
        Instant now = clock.instant();
        Map<Long, Integer> priorities = liveDatasets(tx);
        if (priorities.isEmpty()) {
            return List.of();
        }

        List<ClaimedRecord> picked = new ArrayList<>();
        Set<Long> agentsUsed = new HashSet<>();
        List<ClaimedRecord> judged = new ArrayList<>();
        // Some candidates may be refused (guard, DNC): read a few more than asked, but not
        // four times a batch's worth of rows locked for nothing.
        int fetch = Math.min(max * 4 + 8, max + 64);
        List<Record> found = candidates(tx, priorities, agents, now, fetch);
        Map<Long, String> zones = zones(tx, found.stream().map(r -> r.get(R_ID)).toList());
        Iterator<Record> next = found.iterator();
        boolean guaranteed = agentGuaranteed;
        int limit = max;
        while (picked.size() < limit && next.hasNext()) {
            Record r = next.next();
            Judged j = judge(tx, r, zones.get(r.get(R_ID)), agents, guaranteed, now);
            if (j.capped()) {
                // At the abandon cap a predictive claim falls back to progressive: one call
                // per waiting agent, each sure to find its agent.
                guaranteed = true;
                limit = Math.min(max, agents.size());
                j = judge(tx, r, zones.get(r.get(R_ID)), agents, true, now);
            }
            ClaimedRecord c = j.claim();
            if (c != null && !agentsUsed.contains(c.agentSpecific())) {
                judged.add(c);
            }
            if (picked.size() + judged.size() >= limit || !next.hasNext()) {
                for (ClaimedRecord ok : notListed(tx, judged, now)) {
                    if (picked.size() < limit && (ok.agentSpecific() == null
                            || agentsUsed.add(ok.agentSpecific()))) {
                        picked.add(ok);
                    }
                }
                judged.clear();
            }
        }
        return lease(tx, picked, now);
    }

    /**
     * Claims one given record for an agent who is waiting (click2dial): open and unleased, its
     * dataset LIVE on the queue, judged by the guard and the DNC list like any claim. Answers
     * the claim, or the reason it was refused ({@code dnc}, {@code hours}, ...).
     */
    public OneClaim claimOne(long recordId) {
        if (db.isPostgres()) {
            return db.transaction(tx -> claimOneIn(tx, recordId));
        }
        synchronized (H2_CLAIM_LOCK) {
            return db.transaction(tx -> claimOneIn(tx, recordId));
        }
    }

    /** A claim of one record, or why there is none. */
    public record OneClaim(ClaimedRecord record, String refusal) {
    }

    private OneClaim claimOneIn(DSLContext tx, long recordId) {
        Instant now = clock.instant();
        Map<Long, Integer> priorities = liveDatasets(tx);
        Record r = tx.select(R_ID, R_DATASET, R_PROCESSTYPE, R_CALLBACK, R_AGENTREF,
                        R_AGENT_SPECIFIC, R_POSTCODE, R_HOME, R_WORK, R_MOBILE, R_ATTEMPTS,
                        R_LAST_ATTEMPT, R_PROCESSDATE, R_LEASE)
                .from(RECORDS).where(R_ID.eq(recordId), R_CCID.eq(ccid)).fetchOne();
        if (r == null || !priorities.containsKey(r.get(R_DATASET))) {
            return new OneClaim(null, "not in a LIVE dataset of the queue");
        }
        if (!DIALABLE.contains(r.get(R_PROCESSTYPE))) {
            return new OneClaim(null, "record is " + r.get(R_PROCESSTYPE));
        }
        Long lease = r.get(R_LEASE);
        if (lease != null && lease >= now.getEpochSecond()) {
            return new OneClaim(null, "record is being dialled");
        }
        List<String> phones = Stream.of(r.get(R_HOME), r.get(R_WORK), r.get(R_MOBILE))
                .filter(p -> p != null && !p.isBlank()).toList();
        Long last = r.get(R_LAST_ATTEMPT);
        Candidate candidate = new Candidate(ccid, recordId, r.get(R_PROCESSTYPE), phones,
                r.get(R_POSTCODE), r.get(R_ATTEMPTS),
                last == null ? null : Instant.ofEpochSecond(last), null,
                zones(tx, List.of(recordId)).get(recordId));
        Verdict verdict = guard.judge(candidate, rules.qid(), true, now);
        if (!verdict.dialable()) {
            noteRefusal(tx, recordId, verdict.reason().wire(), now);
            return new OneClaim(null, verdict.reason().wire());
        }
        if (isListed(tx, verdict.number())) {
            noteRefusal(tx, recordId, DNC_REFUSAL, now);
            return new OneClaim(null, DNC_REFUSAL);
        }
        ClaimedRecord claim = new ClaimedRecord(recordId, rules.table(), r.get(R_DATASET),
                verdict.number(), null, false);
        if (lease(tx, List.of(claim), now).isEmpty()) {
            return new OneClaim(null, "record is being dialled");
        }
        return new OneClaim(claim, null);
    }

    /** The LIVE datasets of the queue within its table (a claim batch keeps only theirs). */
    public Set<Long> liveDatasets() {
        return liveDatasets(db.dsl()).keySet();
    }

    /** The LIVE datasets of the queue within its table, with their priorities. */
    private Map<Long, Integer> liveDatasets(DSLContext tx) {
        Map<Long, Integer> map = new LinkedHashMap<>();
        tx.select(D_ID, D_PRIORITY).from(DATASETS)
                .where(D_CCID.eq(ccid), D_QID.eq(rules.qid()), D_STATUS.eq("LIVE"))
                .and(D_TABLE.in(DSL.select(T_ID).from(TABLES).where(T_CCID.eq(ccid),
                        T_NAME_LOWER.eq(rules.table().toLowerCase(Locale.ROOT)))))
                .forEach(r -> map.put(r.get(D_ID), r.get(D_PRIORITY)));
        return map;
    }

    /**
     * The first {@code limit} claimable records in claim order: callbacks that are due first,
     * then the rest by dataset priority, process date and id. Each part is its own query so that
     * an index walk gives its order instead of sorting every dialable record of the queue.
     */
    private List<Record> candidates(DSLContext tx, Map<Long, Integer> priorities,
            Set<Long> agents, Instant now, int limit) {
        long nowS = now.getEpochSecond();
        Field<Integer> priority = DSL.case_(R_DATASET).mapValues(priorities);
        // A due callback was asked for by a person: neither the retry gap nor a refusal's
        // "judge again" time holds it back, so this query need not ask for them.
        List<Record> found = new ArrayList<>(fetch(claimable(tx, agents)
                .and(R_DATASET.in(priorities.keySet()))
                .and(R_CALLBACK.isNotNull()).and(R_CALLBACK.le(nowS))
                .orderBy(R_CALLBACK.asc(), priority.desc(), R_PROCESSDATE.asc().nullsFirst(),
                        R_ID.asc())
                .limit(limit)));
        for (List<Long> level : byPriority(priorities)) {
            if (found.size() >= limit) {
                break;
            }
            found.addAll(fetch(claimable(tx, agents)
                    .and(R_DATASET.in(level)).and(R_CALLBACK.isNull())
                    .and(R_JUDGE_AGAIN.isNull().or(R_JUDGE_AGAIN.le(nowS)))
                    .and(R_LAST_ATTEMPT.isNull()
                            .or(R_LAST_ATTEMPT.le(nowS - rules.retryMinutes() * 60L)))
                    .orderBy(R_PROCESSDATE.asc().nullsFirst(), R_ID.asc())
                    .limit(limit - found.size())));
        }
        return found;
    }

    /** The datasets grouped by priority, highest first. */
    private static List<List<Long>> byPriority(Map<Long, Integer> priorities) {
        Map<Integer, List<Long>> levels = new java.util.TreeMap<>(
                java.util.Comparator.reverseOrder());
        priorities.forEach((d, p) -> levels.computeIfAbsent(p, k -> new ArrayList<>()).add(d));
        return new ArrayList<>(levels.values());
    }

    /**
     * What every claimable record has. Only unleased records: a lease that ran out is cleared
     * by {@link #sweep}, not read past here, so that the walk in claim order runs on the index
     * of unleased records (PostgreSQL, V36) instead of stepping over every record claimed
     * before it, and needs no condition on the lease's time.
     */
    private org.jooq.SelectConditionStep<? extends Record> claimable(DSLContext tx,
            Set<Long> agents) {
        Condition forAgent = R_AGENT_SPECIFIC.eq(0L)
                .or(R_AGENTREF.in(agents.isEmpty() ? Set.of(-1L) : agents));
        return tx.select(R_ID, R_DATASET, R_PROCESSTYPE,
                        R_CALLBACK, R_SAMETIME, R_AGENTREF, R_AGENT_SPECIFIC, R_POSTCODE, R_HOME,
                        R_WORK, R_MOBILE, R_ATTEMPTS, R_LAST_ATTEMPT, R_PROCESSDATE)
                .from(RECORDS)
                .where(R_CCID.eq(ccid), R_PROCESSTYPE.in(DIALABLE), R_LEASE.isNull(),
                        R_ATTEMPTS.lt(rules.maxAttempts()), forAgent,
                        R_HOME.isNotNull().or(R_WORK.isNotNull()).or(R_MOBILE.isNotNull()));
    }

    /**
     * Clears the centre's leases that ran out (a node that died, a claim never given back), so
     * that their records can be claimed again: claims read unleased records only. The engine
     * runs it on every rescan; {@code Recovery} does the same for every centre at start.
     */
    public int sweep() {
        long nowS = clock.instant().getEpochSecond();
        return db.dsl().update(RECORDS).setNull(R_CLAIMED_BY).setNull(R_LEASE)
                .where(R_CCID.eq(ccid), R_LEASE.lt(nowS)).execute();
    }

    private List<Record> fetch(org.jooq.SelectForUpdateStep<? extends Record> select) {
        return new ArrayList<>(db.isPostgres() ? select.forUpdate().skipLocked().fetch()
                : select.fetch());
    }

    /**
     * The time zones the records name in their table's {@code timezone} field (ecnow's
     * {@link ZoneField}), by record id; records without one are absent.
     */
    private Map<Long, String> zones(DSLContext tx, List<Long> recordIds) {
        if (recordIds.isEmpty()) {
            return Map.of();
        }
        Map<Long, String> zones = new HashMap<>();
        tx.select(V_RECORD, V_VALUE).from(VALUES).join(FIELDS).on(F_ID.eq(V_FIELD))
                .where(V_CCID.eq(ccid), F_CCID.eq(ccid), F_NAME_LOWER.eq(ZoneField.NAME),
                        V_RECORD.in(recordIds))
                .forEach(r -> zones.put(r.value1(), r.value2()));
        return zones;
    }

    /** A judged record: its claim, or none; capped when the queue's abandon cap refused it. */
    private record Judged(ClaimedRecord claim, boolean capped) {
    }

    private Judged judge(DSLContext tx, Record r, String zone, Set<Long> agents,
            boolean agentGuaranteed, Instant now) {
        Long agent = r.get(R_AGENT_SPECIFIC) != 0 ? r.get(R_AGENTREF) : null;
        if (agent != null && !agents.contains(agent)) {
            return new Judged(null, false);
        }
        Long callback = r.get(R_CALLBACK);
        Verdict verdict = guard.judge(candidate(r, zone), rules.qid(), agentGuaranteed, now);
        if (verdict.reason() == Reason.ABANDON_CAP) {
            // The queue's state, not the record's: the record is not set aside for it.
            LOG.debug("Record {} not claimed: {}", r.get(R_ID), verdict.reason().wire());
            return new Judged(null, true);
        }
        if (verdict.callbackMovedTo() != null) {
            LOG.debug("Record {} not claimed: hours; its sametime callback moves to {}",
                    r.get(R_ID), verdict.callbackMovedTo());
            moveCallback(tx, r.get(R_ID), callback, verdict, now);
            return new Judged(null, false);
        }
        if (!verdict.dialable()) {
            LOG.debug("Record {} not claimed: {}", r.get(R_ID), verdict.reason().wire());
            judgeAgainAt(tx, r.get(R_ID), verdict.reason().wire(), verdict.notBefore(), now);
            return new Judged(null, false);
        }
        return new Judged(new ClaimedRecord(r.get(R_ID), rules.table(), r.get(R_DATASET),
                verdict.number(), agent, callback != null), false);
    }

    /** A claimable record as the guard reads it. */
    private Candidate candidate(Record r, String zone) {
        Long callback = r.get(R_CALLBACK);
        Long last = r.get(R_LAST_ATTEMPT);
        List<String> phones = Stream.of(r.get(R_HOME), r.get(R_WORK), r.get(R_MOBILE))
                .filter(p -> p != null && !p.isBlank()).toList();
        return new Candidate(ccid, r.get(R_ID), r.get(R_PROCESSTYPE), phones,
                r.get(R_POSTCODE), r.get(R_ATTEMPTS),
                last == null ? null : Instant.ofEpochSecond(last),
                callback == null ? null : Instant.ofEpochSecond(callback), zone,
                Long.valueOf(1).equals(r.get(R_SAMETIME)));
    }

    /**
     * Sets a refused record aside until the guard's "not before", or for a while when the guard
     * names no time (a DNC entry may be removed, a queue's rules changed), and records why.
     */
    private void judgeAgainAt(DSLContext tx, long recordId, String reason, Instant notBefore,
            Instant now) {
        Instant again = notBefore != null && notBefore.isAfter(now) ? notBefore
                : now.plus(JUDGE_AGAIN_AFTER);
        tx.update(RECORDS).set(R_JUDGE_AGAIN, again.getEpochSecond())
                .set(R_REFUSAL, reason).set(R_REFUSED_AT, now.getEpochSecond())
                .where(R_ID.eq(recordId), R_CCID.eq(ccid)).execute();
    }

    /**
     * Moves a {@code Call_Back_Sametime} callback that the window refused to the time the guard
     * gives, so that a read shows when it will be called, and records the refusal. Only while
     * the callback is the one judged: an API update meanwhile (which also clears the refusal's
     * "judge again") wins.
     */
    private void moveCallback(DSLContext tx, long recordId, long judged, Verdict verdict,
            Instant now) {
        long to = verdict.callbackMovedTo().getEpochSecond();
        tx.update(RECORDS).set(R_CALLBACK, to).set(R_JUDGE_AGAIN, to)
                .set(R_REFUSAL, verdict.refusal().wire()).set(R_REFUSED_AT, now.getEpochSecond())
                .where(R_ID.eq(recordId), R_CCID.eq(ccid), R_CALLBACK.eq(judged)).execute();
    }

    /** Records the last refusal to dial a record (compliance.md), which reads show. */
    private void noteRefusal(DSLContext tx, long recordId, String reason, Instant now) {
        tx.update(RECORDS).set(R_REFUSAL, reason).set(R_REFUSED_AT, now.getEpochSecond())
                .where(R_ID.eq(recordId), R_CCID.eq(ccid)).execute();
    }

    private boolean isListed(DSLContext tx, String number) {
        return tx.fetchExists(DSL.selectOne().from(DNC).where(DNC_CCID.eq(ccid),
                DNC_DDI.eq(number), DNC_QID.in(0L, rules.qid())));
    }

    /** The judged records whose numbers are not on the DNC list, in one query for all. */
    private List<ClaimedRecord> notListed(DSLContext tx, List<ClaimedRecord> judged,
            Instant now) {
        if (judged.isEmpty()) {
            return judged;
        }
        Set<String> listed = new HashSet<>(tx.selectDistinct(DNC_DDI).from(DNC)
                .where(DNC_CCID.eq(ccid), DNC_QID.in(0L, rules.qid()),
                        DNC_DDI.in(judged.stream().map(ClaimedRecord::number).toList()))
                .fetch(DNC_DDI));
        if (listed.isEmpty()) {
            return judged;
        }
        judged.stream().filter(c -> listed.contains(c.number())).forEach(c -> {
            LOG.debug("Record {} not claimed: dnc", c.recordId());
            judgeAgainAt(tx, c.recordId(), DNC_REFUSAL, null, now);
        });
        return judged.stream().filter(c -> !listed.contains(c.number())).toList();
    }

    /**
     * Leases the records in one update. The rows are locked (PostgreSQL) or the claim is
     * exclusive (H2), so the update takes them all unless a lease was taken meanwhile; then the
     * records that are ours are read back.
     */
    private List<ClaimedRecord> lease(DSLContext tx, List<ClaimedRecord> records, Instant now) {
        if (records.isEmpty()) {
            return records;
        }
        long nowS = now.getEpochSecond();
        long until = nowS + lease.toSeconds();
        List<Long> ids = records.stream().map(ClaimedRecord::recordId).toList();
        int leased = tx.update(RECORDS)
                .set(R_CLAIMED_BY, node)
                .set(R_LEASE, until)
                .where(R_ID.in(ids), R_CCID.eq(ccid))
                .and(R_LEASE.isNull().or(R_LEASE.lt(nowS)))
                .execute();
        if (leased == records.size()) {
            return records;
        }
        Set<Long> ours = new HashSet<>(tx.select(R_ID).from(RECORDS)
                .where(R_ID.in(ids), R_CCID.eq(ccid), R_CLAIMED_BY.eq(node), R_LEASE.eq(until))
                .fetch(R_ID));
        return records.stream().filter(c -> ours.contains(c.recordId())).toList();
    }

    @Override
    public void release(ClaimedRecord record) {
        db.dsl().update(RECORDS).setNull(R_CLAIMED_BY).setNull(R_LEASE)
                .where(R_ID.eq(record.recordId()), R_CCID.eq(ccid), R_CLAIMED_BY.eq(node))
                .execute();
    }

    /** Gives back records undialled in one update (a claim batch's leftovers). */
    @Override
    public void releaseAll(Collection<ClaimedRecord> records) {
        if (records.isEmpty()) {
            return;
        }
        List<Long> ids = records.stream().map(ClaimedRecord::recordId).toList();
        db.dsl().update(RECORDS).setNull(R_CLAIMED_BY).setNull(R_LEASE)
                .where(R_ID.in(ids), R_CCID.eq(ccid), R_CLAIMED_BY.eq(node))
                .execute();
    }

    @Override
    public void renew(Collection<ClaimedRecord> records) {
        if (records.isEmpty()) {
            return;
        }
        List<Long> ids = records.stream().map(ClaimedRecord::recordId).toList();
        db.dsl().update(RECORDS)
                .set(R_LEASE, clock.instant().getEpochSecond() + lease.toSeconds())
                .where(R_ID.in(ids), R_CCID.eq(ccid), R_CLAIMED_BY.eq(node))
                .execute();
    }

    @Override
    public boolean admit(long callId, QueueSettings queue, ClaimedRecord record, Instant at) {
        return db.transaction(tx -> {
            if (!stillDialable(tx, record, at)) {
                return false;
            }
            openCall(tx, callId, rules.qid(), queue, record, record.number(), at, "out");
            return true;
        });
    }

    @Override
    public void legStarted(long callId, QueueSettings queue, ClaimedRecord record,
            String number, Instant at) {
        openCall(db.dsl(), callId, queue.qid(), queue, record, number, at, Cdr.DTYPE_TPT);
    }

    /** The open call row a stop leaves behind for {@code Recovery} to close. */
    private void openCall(DSLContext tx, long callId, long qid, QueueSettings queue,
            ClaimedRecord record, String number, Instant at, String dtype) {
        tx.insertInto(CALLS_OPEN)
                .set(CO_CALLID, callId).set(CO_CCID, ccid).set(CO_QID, qid)
                .set(CO_RECORD, record.recordId()).set(CO_DATASET, record.datasetId())
                .set(CO_NODE, node).set(CO_DDI, number).set(CO_CLI, queue.callerId())
                .set(CO_INIT_MS, at.toEpochMilli()).set(CO_DTYPE, dtype)
                .execute();
    }

    /**
     * The claim's record is still ours, open, in a LIVE dataset of the queue and not listed. A
     * number listed since the claim is a refusal like the guard's, and recorded as one.
     */
    private boolean stillDialable(DSLContext tx, ClaimedRecord record, Instant at) {
        long nowS = at.getEpochSecond();
        boolean open = tx.fetchExists(DSL.selectOne().from(RECORDS)
                .where(R_ID.eq(record.recordId()), R_CCID.eq(ccid), R_CLAIMED_BY.eq(node),
                        R_PROCESSTYPE.in(DIALABLE),
                        R_CALLBACK.isNull().or(R_CALLBACK.le(nowS)))
                .and(R_DATASET.in(DSL.select(D_ID).from(DATASETS).where(D_CCID.eq(ccid),
                        D_QID.eq(rules.qid()), D_STATUS.eq("LIVE")))));
        if (!open) {
            return false;
        }
        if (isListed(tx, record.number())) {
            LOG.info("Record {}: {} was put on the DNC list after the claim; not dialled",
                    record.recordId(), PhoneNumbers.masked(record.number()));
            noteRefusal(tx, record.recordId(), DNC_REFUSAL, at);
            return false;
        }
        return true;
    }
}
