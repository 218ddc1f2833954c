package org.opendialler.live;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A live board of fixed agents, calls and meters per centre, for tests: the test data of the
 * live view that the running dialler would otherwise provide. Thread-safe.
 */
final class FixedBoard implements LiveBoard {

    final Map<Long, List<AgentNow>> agents = new ConcurrentHashMap<>();
    final Map<Long, List<CallNow>> calls = new ConcurrentHashMap<>();
    final Map<Long, List<Meters>> meters = new ConcurrentHashMap<>();

    void add(long ccid, AgentNow agent) {
        agents.computeIfAbsent(ccid, k -> new CopyOnWriteArrayList<>()).add(agent);
    }

    void add(long ccid, CallNow call) {
        calls.computeIfAbsent(ccid, k -> new CopyOnWriteArrayList<>()).add(call);
    }

    void add(long ccid, Meters meter) {
        meters.computeIfAbsent(ccid, k -> new CopyOnWriteArrayList<>()).add(meter);
    }

    @Override
    public List<AgentNow> agents(long ccid) {
        return List.copyOf(agents.getOrDefault(ccid, List.of()));
    }

    @Override
    public List<CallNow> calls(long ccid) {
        return List.copyOf(calls.getOrDefault(ccid, List.of()));
    }

    @Override
    public List<Meters> meters(long ccid) {
        return List.copyOf(meters.getOrDefault(ccid, List.of()));
    }
}
