package org.opendialler.dialler;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Records in memory, claimed and finished the way dialler.md says, for dialler tests only. It
 * notes every breach of "what must never happen" it can see in {@link #violations()}.
 */
final class InMemoryRecords implements RecordClaims, CallOutcomes {

    static final String NEW = "New Prospect";
    static final String MORE = "NEEDSMOREWORK";
    static final String COMPLETE = "COMPLETE";

    private final Clock clock;
    private final Map<Long, Rec> records = new LinkedHashMap<>();
    private final List<CallResult> results = new ArrayList<>();
    private final List<String> violations = new ArrayList<>();
    private final Map<Long, Integer> datasetPriority = new LinkedHashMap<>();
    private final Set<Long> liveDatasets = new HashSet<>();
    private long nextId = 1;
    int renewals;
    Duration retryInterval = Duration.ofMinutes(30);

    InMemoryRecords(Clock clock) {
        this.clock = clock;
    }

    /** A record's state, open for tests to set up and read. */
    static final class Rec {
        final long id;
        final String table;
        final long datasetId;
        final String number;
        String processType = NEW;
        Instant processDate;
        Instant callback;
        boolean agentSpecific;
        Long agentRef;
        int attempts;
        Integer outcome;
        Instant noPredictiveUntil;
        Instant lastAttempt;
        boolean claimed;
        boolean claimedAsCallback;

        Rec(long id, String table, long datasetId, String number, Instant processDate) {
            this.id = id;
            this.table = table;
            this.datasetId = datasetId;
            this.number = number;
            this.processDate = processDate;
        }
    }

    void dataset(long datasetId, int priority, boolean live) {
        datasetPriority.put(datasetId, priority);
        if (live) {
            liveDatasets.add(datasetId);
        } else {
            liveDatasets.remove(datasetId);
        }
    }

    Rec add(String table, long datasetId, String number) {
        Rec r = new Rec(nextId++, table, datasetId, number, clock.instant());
        records.put(r.id, r);
        return r;
    }

    Rec get(long id) {
        return records.get(id);
    }

    Collection<Rec> all() {
        return records.values();
    }

    Optional<Rec> byNumber(String number) {
        return records.values().stream().filter(r -> r.number.equals(number)).findFirst();
    }

    List<CallResult> results() {
        return results;
    }

    List<String> violations() {
        return violations;
    }

    @Override
    public List<ClaimedRecord> claim(QueueSettings queue, int max, Set<Long> agents,
            boolean agentGuaranteed) {
        Instant now = clock.instant();
        ClaimOrder order = ClaimOrder.at(now);
        List<Rec> dialable = records.values().stream()
                .filter(r -> r.table.equalsIgnoreCase(queue.table()))
                .filter(r -> isDialable(r, now, agents, queue.dialMode() == DialMode.PREVIEW))
                .sorted((a, b) -> order.compare(candidate(a), candidate(b)))
                .toList();

        List<ClaimedRecord> claimed = new ArrayList<>();
        Set<Long> agentsUsed = new HashSet<>();
        for (Rec r : dialable) {
            if (claimed.size() == max) {
                break;
            }
            if (r.agentSpecific && !agentsUsed.add(r.agentRef)) {
                continue;
            }
            r.claimed = true;
            r.claimedAsCallback = order.isDueCallback(candidate(r));
            claimed.add(new ClaimedRecord(r.id, r.table, r.datasetId, r.number,
                    r.agentSpecific ? r.agentRef : null, r.claimedAsCallback));
        }
        return claimed;
    }

    private boolean isDialable(Rec r, Instant now, Set<Long> agents, boolean previews) {
        boolean open = r.processType.equals(NEW) || r.processType.equals(MORE);
        boolean due = r.callback == null || !r.callback.isAfter(now);
        boolean agentOk = !r.agentSpecific || agents.contains(r.agentRef);
        boolean repeatOk = previews || r.noPredictiveUntil == null
                || !r.noPredictiveUntil.isAfter(now);
        boolean rested = r.lastAttempt == null
                || !r.lastAttempt.plus(retryInterval).isAfter(now);
        return open && due && agentOk && repeatOk && rested && !r.claimed
                && liveDatasets.contains(r.datasetId);
    }

    ClaimOrder.Candidate candidate(Rec r) {
        return new ClaimOrder.Candidate(r.id, r.table,
                datasetPriority.getOrDefault(r.datasetId, 0), r.callback, r.processDate);
    }

    @Override
    public void release(ClaimedRecord record) {
        Rec r = records.get(record.recordId());
        if (!r.claimed) {
            violations.add("release of unclaimed record " + r.id);
        }
        r.claimed = false;
    }

    @Override
    public void renew(Collection<ClaimedRecord> held) {
        renewals++;
        for (ClaimedRecord c : held) {
            if (!records.get(c.recordId()).claimed) {
                violations.add("lease renewed on unclaimed record " + c.recordId());
            }
        }
    }

    @Override
    public void record(CallResult result) {
        Rec r = records.get(result.record().recordId());
        check(r, result);
        results.add(result);

        Instant at = result.at();
        r.claimed = false;
        r.attempts++;
        r.lastAttempt = at;
        r.outcome = result.outcome().id();
        r.processDate = at;
        r.processType = result.outcome().complete() ? COMPLETE : MORE;
        applyCallback(r, result);
        if (result.abandoned()) {
            r.noPredictiveUntil = at.plus(Duration.ofHours(72));
        } else if (result.outcome().id() == Outcome.ANSWER_MACHINE_DIALLER.id()) {
            r.noPredictiveUntil = at.plus(Duration.ofHours(24));
        }
    }

    private void check(Rec r, CallResult result) {
        if (!r.claimed) {
            violations.add("outcome for record " + r.id + " that was not claimed");
        }
        if (r.processType.equals(COMPLETE)) {
            violations.add("outcome for record " + r.id + " after a complete outcome");
        }
        Long agent = result.cdr().agentId();
        if (r.agentSpecific && agent != null && !agent.equals(r.agentRef)) {
            violations.add("agent-specific record " + r.id + " taken by agent " + agent);
        }
    }

    private static void applyCallback(Rec r, CallResult result) {
        Disposition d = result.disposition();
        if (d.callback() != null) {
            r.callback = d.callback();
            r.agentSpecific = d.agentSpecific();
            r.agentRef = d.agentSpecific() ? result.cdr().agentId() : null;
        } else if (result.setByAgent() && r.claimedAsCallback) {
            // An agent spoke on the callback: it has been kept.
            r.callback = null;
            r.agentSpecific = false;
        }
    }
}
