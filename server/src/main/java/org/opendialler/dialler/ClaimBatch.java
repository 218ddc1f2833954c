package org.opendialler.dialler;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The claim batch of one queue on this node, what diallers call a hopper. Records are claimed
 * from the source ({@link SqlRecordClaims}: in claim order, judged by the guard, leased to this
 * node) a batch at a time, and handed to waiting agents from memory in that order, so a busy
 * queue pays one claim transaction per batch instead of one per call. The lease keeps other
 * nodes off the records while they wait here; the re-check just before each call
 * ({@link CallGate}) keeps what the API did meanwhile (hold, complete, DNC) effective.
 *
 * <p>A refill claims what is asked plus what the queue handed out in the last one to two
 * seconds, at most {@code most} beyond what is asked: a quiet queue claims about what it dials,
 * a busy one claims in batches, and what waits here is a second or two of calls. A record waits
 * only within the minute it was judged in: calling windows are whole minutes in every zone, so
 * the guard's verdict still holds when it is handed out; after that it is given back and
 * claimed, so judged, afresh. Due callbacks claimed by a refill go before the ordinary records
 * still waiting, as in the claim order. Thread-safe: the engine calls it on its scheduler, the
 * benchmark from many agent threads.
 */
public final class ClaimBatch implements RecordClaims {

    /** The most records a refill claims beyond what it is asked for, unless told otherwise. */
    public static final int MOST = 100;

    private final RecordClaims source;
    private final int most;
    private final Clock clock;
    /** Waiting records in claim order: the due callbacks, then the others. */
    private final List<Held> held = new ArrayList<>();
    /** Agents that asked since the last refill: their agent-specific records may be claimed. */
    private final Set<Long> asking = new HashSet<>();
    private long second = Long.MIN_VALUE;
    private int thisSecond;
    private int lastSecond;

    /** A record waiting, the minute it was judged in and whether an agent was guaranteed. */
    private record Held(ClaimedRecord record, long minute, boolean agentGuaranteed) {
    }

    /**
     * @param source where batches are claimed and records given back
     * @param most the most records a refill claims beyond what it is asked for
     * @param clock the engine's clock (a record waits within the minute it was judged in)
     */
    public ClaimBatch(RecordClaims source, int most, Clock clock) {
        if (most < 1) {
            throw new IllegalArgumentException("a claim batch holds at least one record");
        }
        this.source = source;
        this.most = most;
        this.clock = clock;
    }

    @Override
    public synchronized List<ClaimedRecord> claim(QueueSettings queue, int max,
            Set<Long> agents, boolean agentGuaranteed) {
        if (max <= 0) {
            return List.of();
        }
        Instant now = clock.instant();
        long minute = minuteOf(now);
        count(0, now);
        // A record judged with an agent guaranteed skipped the repeat rules a call without
        // one must obey: it is judged again rather than dialled so.
        giveBack(h -> h.minute() != minute || (h.agentGuaranteed() && !agentGuaranteed));
        asking.addAll(agents);

        List<ClaimedRecord> out = new ArrayList<>();
        Set<Long> served = new HashSet<>();
        take(out, max, agents, served);
        if (out.size() < max) {
            refill(queue, max - out.size(), agentGuaranteed, minute);
            take(out, max, agents, served);
        }
        count(out.size(), now);
        return out;
    }

    /** Hands out waiting records in order; an agent-specific one only to its agent, one each. */
    private void take(List<ClaimedRecord> out, int max, Set<Long> agents, Set<Long> served) {
        Iterator<Held> it = held.iterator();
        while (out.size() < max && it.hasNext()) {
            ClaimedRecord r = it.next().record();
            Long agent = r.agentSpecific();
            if (agent != null && (!agents.contains(agent) || !served.add(agent))) {
                continue;
            }
            it.remove();
            out.add(r);
        }
    }

    private void refill(QueueSettings queue, int needed, boolean agentGuaranteed,
            long minute) {
        int size = needed + Math.min(most, lastSecond + thisSecond);
        List<ClaimedRecord> fresh = source.claim(queue, size, Set.copyOf(asking),
                agentGuaranteed);
        asking.clear();

        int callbacks = 0;
        while (callbacks < held.size() && held.get(callbacks).record().callback()) {
            callbacks++;
        }
        for (ClaimedRecord r : fresh) {
            Held h = new Held(r, minute, agentGuaranteed);
            if (r.callback()) {
                held.add(callbacks++, h);
            } else {
                held.add(h);
            }
        }
    }

    /** Counts records handed out per second of the clock: the demand a refill follows. */
    private void count(int handed, Instant now) {
        long s = now.getEpochSecond();
        if (s != second) {
            lastSecond = s == second + 1 ? thisSecond : 0;
            thisSecond = 0;
            second = s;
        }
        thisSecond += handed;
    }

    private static long minuteOf(Instant at) {
        return Math.floorDiv(at.getEpochSecond(), 60);
    }

    /** Gives back the waiting records that match, in one release. */
    private void giveBack(Predicate<Held> which) {
        List<ClaimedRecord> back = new ArrayList<>();
        held.removeIf(h -> which.test(h) && back.add(h.record()));
        if (!back.isEmpty()) {
            source.releaseAll(back);
        }
    }

    /**
     * Gives back the records no longer worth holding: those judged in an earlier minute and
     * those whose dataset is no longer among the queue's LIVE ones. The engine calls it on
     * every rescan, so a queue without free agents does not sit on its records.
     */
    public synchronized void tidy(Set<Long> liveDatasets) {
        long minute = minuteOf(clock.instant());
        giveBack(h -> h.minute() != minute || !liveDatasets.contains(h.record().datasetId()));
    }

    /** Gives back one waiting record (click2dial claims it by its id); whether it was here. */
    public synchronized boolean giveBack(long recordId) {
        int before = held.size();
        giveBack(h -> h.record().recordId() == recordId);
        return held.size() < before;
    }

    /** Gives back every waiting record: the queue stopped, or the engine. */
    public synchronized void giveBackAll() {
        giveBack(h -> true);
    }

    /** How many records wait here now. */
    public synchronized int waiting() {
        return held.size();
    }

    @Override
    public synchronized void release(ClaimedRecord record) {
        held.removeIf(h -> h.record().recordId() == record.recordId());
        source.release(record);
    }

    @Override
    public synchronized void releaseAll(Collection<ClaimedRecord> records) {
        Set<Long> ids = new HashSet<>();
        records.forEach(r -> ids.add(r.recordId()));
        held.removeIf(h -> ids.contains(h.record().recordId()));
        source.releaseAll(records);
    }

    /** Renews the records of calls in progress and, with them, the ones waiting here. */
    @Override
    public synchronized void renew(Collection<ClaimedRecord> records) {
        List<ClaimedRecord> all = new ArrayList<>(records);
        held.forEach(h -> all.add(h.record()));
        source.renew(all);
    }
}
