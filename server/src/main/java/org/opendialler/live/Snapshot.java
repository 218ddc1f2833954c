package org.opendialler.live;

import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One request's view of a centre: the board's agents and calls and the centre's queues, cut to
 * the request's filters, with today's counts and the abandon meters by queue.
 */
final class Snapshot {

    final Instant at;
    /** The start of the centre's local day. */
    final Instant dayStart;
    final List<LiveBoard.AgentNow> agents;
    final List<LiveBoard.CallNow> calls;
    final List<LiveStore.QueueRow> queues;
    final Map<Long, LiveStore.Today> today;
    final Map<Long, LiveBoard.Meters> meters = new HashMap<>();
    private final LiveFilters filters;
    private final Map<Long, Set<Long>> assignments;

    private Snapshot(LiveBoard board, LiveStore store, long ccid, ZoneId zone, Instant at,
            LiveFilters filters) {
        this.at = at;
        this.dayStart = java.time.LocalDate.ofInstant(at, zone).atStartOfDay(zone).toInstant();
        this.filters = filters;
        this.assignments = store.assignments(ccid);
        List<LiveBoard.AgentNow> everyone = board.agents(ccid);
        this.agents = everyone.stream().filter(a -> filters.agentWanted(a.aid(), a.tid()))
                .filter(this::onWantedQueue).toList();
        Map<Long, Long> teamOf = new HashMap<>();
        everyone.forEach(a -> teamOf.put(a.aid(), a.tid()));
        this.calls = board.calls(ccid).stream().filter(c -> filters.queueWanted(c.qid()))
                .filter(c -> callWanted(c, teamOf)).toList();
        this.queues = store.queues(ccid).stream().filter(q -> filters.queueWanted(q.qid()))
                .toList();
        this.today = store.today(ccid, dayStart, at, filters);
        board.meters(ccid).forEach(m -> meters.put(m.qid(), m));
    }

    static Snapshot take(LiveBoard board, LiveStore store, long ccid, ZoneId zone, Instant at,
            LiveFilters filters) {
        return new Snapshot(board, store, ccid, zone, at, filters);
    }

    /** Whether an agent works a queue: on a call of it now, or assigned to it. */
    boolean onQueue(LiveBoard.AgentNow agent, long qid) {
        return onQueue(agent.aid(), agent.qid(), qid);
    }

    private boolean onQueue(long aid, Long current, long qid) {
        return (current != null && current == qid)
                || assignments.getOrDefault(aid, Set.of()).contains(qid);
    }

    private boolean onWantedQueue(LiveBoard.AgentNow agent) {
        return filters.qids().isEmpty()
                || filters.qids().stream().anyMatch(q -> onQueue(agent, q));
    }

    /** Whether a registered agent (logged out) passes the filters. */
    boolean wanted(long aid, long tid) {
        return filters.agentWanted(aid, tid) && (filters.qids().isEmpty()
                || filters.qids().stream().anyMatch(q -> onQueue(aid, null, q)));
    }

    private boolean callWanted(LiveBoard.CallNow call, Map<Long, Long> teamOf) {
        if (filters.agents().isEmpty() && filters.teams().isEmpty()) {
            return true;
        }
        if (call.aid() == null) {
            return false;
        }
        long tid = teamOf.getOrDefault(call.aid(), 0L);
        return filters.agentWanted(call.aid(), tid);
    }
}
