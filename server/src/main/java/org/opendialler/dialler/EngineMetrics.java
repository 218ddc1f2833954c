package org.opendialler.dialler;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The dialler's meters on {@code /metrics}, per centre (tag {@code ccid}): calls in progress
 * (placed, outcome not yet written: the rows of {@code calls_open}), agents logged in by state,
 * and calls placed, answered (by a person, as detection said, abandoned ones included) and
 * abandoned. Centres past the first {@link #MAX_CENTRES} share the tag {@code other}, so that
 * the number of series stays bounded. Updated on the scheduler's thread, read by any.
 */
final class EngineMetrics {

    static final int MAX_CENTRES = 200;
    static final String OTHER = "other";

    private final MeterRegistry registry;
    private final Map<Long, Centre> byCentre = new ConcurrentHashMap<>();
    private final Map<String, Centre> byTag = new ConcurrentHashMap<>();

    /** Meters in {@code registry}; with null nothing is registered but counting still works. */
    EngineMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** The meters of one centre tag. */
    private static final class Centre {

        final AtomicLong inProgress = new AtomicLong();
        final Map<AgentState, AtomicLong> agents = new EnumMap<>(AgentState.class);
        Counter placed;
        Counter answered;
        Counter abandoned;

        Centre() {
            for (AgentState s : AgentState.values()) {
                if (s != AgentState.LOGGED_OUT) {
                    agents.put(s, new AtomicLong());
                }
            }
        }
    }

    /** Registers a centre's meters (at zero) when its first queue starts. */
    void centre(long ccid) {
        of(ccid);
    }

    void placed(long ccid) {
        Centre c = of(ccid);
        c.inProgress.incrementAndGet();
        increment(c.placed);
    }

    void finished(long ccid, CallResult result) {
        Centre c = of(ccid);
        c.inProgress.decrementAndGet();
        String cres = result.cdr().cres();
        if (Cdr.ANSWERED.equals(cres) || Cdr.ABANDONED.equals(cres)) {
            increment(c.answered);
        }
        if (result.abandoned()) {
            increment(c.abandoned);
        }
    }

    void agent(long ccid, AgentStateChange change) {
        Centre c = of(ccid);
        AtomicLong from = c.agents.get(change.from());
        AtomicLong to = c.agents.get(change.to());
        if (from != null) {
            from.decrementAndGet();
        }
        if (to != null) {
            to.incrementAndGet();
        }
    }

    private static void increment(Counter counter) {
        if (counter != null) {
            counter.increment();
        }
    }

    private Centre of(long ccid) {
        Centre known = byCentre.get(ccid);
        if (known != null) {
            return known;
        }
        synchronized (this) {
            return byCentre.computeIfAbsent(ccid, id -> byTag.computeIfAbsent(
                    byTag.size() < MAX_CENTRES ? Long.toString(id) : OTHER, this::register));
        }
    }

    private Centre register(String tag) {
        Centre c = new Centre();
        if (registry == null) {
            return c;
        }
        Gauge.builder("opendialler.dialler.calls.in.progress", c.inProgress, AtomicLong::get)
                .description("calls placed whose outcome is not yet written")
                .tag("ccid", tag).strongReference(true).register(registry);
        c.agents.forEach((state, count) -> Gauge.builder("opendialler.dialler.agents", count,
                        AtomicLong::get)
                .description("agents logged in, by state")
                .tag("ccid", tag).tag("state", state.wireName()).strongReference(true)
                .register(registry));
        c.placed = counter("opendialler.dialler.calls.placed", "calls placed", tag);
        c.answered = counter("opendialler.dialler.calls.answered",
                "calls answered by a person, abandoned ones included", tag);
        c.abandoned = counter("opendialler.dialler.calls.abandoned", "calls abandoned", tag);
        return c;
    }

    private Counter counter(String name, String description, String tag) {
        return Counter.builder(name).description(description).tag("ccid", tag)
                .register(registry);
    }
}
