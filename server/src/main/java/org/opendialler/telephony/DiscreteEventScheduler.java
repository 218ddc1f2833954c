package org.opendialler.telephony;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A discrete-event scheduler: a queue of (virtual time, action) run in time order, ties in the
 * order they were scheduled. Time moves only when a driver calls {@link #runUntil}: a test steps
 * it, a {@link RealTimeDriver} maps it to wall time. Scheduling is thread-safe; running must
 * happen on one thread at a time.
 */
public final class DiscreteEventScheduler implements Scheduler {

    private static final Logger LOG = LoggerFactory.getLogger(DiscreteEventScheduler.class);

    private final PriorityQueue<Entry> queue = new PriorityQueue<>();
    private final Clock clock = new VirtualClock();
    private final Consumer<RuntimeException> onFailure;
    private volatile Instant now;
    private long sequence;

    /** A scheduler whose time starts at {@code start}; a failing action is logged. */
    public DiscreteEventScheduler(Instant start) {
        this(start, e -> LOG.warn("A scheduled action failed", e));
    }

    /** A scheduler that hands a failing action's exception to {@code onFailure}. */
    public DiscreteEventScheduler(Instant start, Consumer<RuntimeException> onFailure) {
        this.now = start;
        this.onFailure = onFailure;
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public Timer schedule(Instant at, Runnable action) {
        synchronized (queue) {
            Instant when = at.isBefore(now) ? now : at;
            Entry entry = new Entry(when, sequence++, action);
            queue.add(entry);
            return entry;
        }
    }

    /** When the next action is due, or empty when none is scheduled. */
    public Optional<Instant> nextAt() {
        synchronized (queue) {
            return Optional.ofNullable(queue.peek()).map(e -> e.at);
        }
    }

    /** Runs, in order, every action due up to {@code until}, then sets time to it. */
    public int runUntil(Instant until) {
        int ran = 0;
        Entry next;
        while ((next = pollDue(until)) != null) {
            now = next.at;
            ran += run(next);
        }
        if (until.isAfter(now)) {
            now = until;
        }
        return ran;
    }

    /** Moves time forward by {@code by}, running what falls due. */
    public int advance(Duration by) {
        return runUntil(now.plus(by));
    }

    private Entry pollDue(Instant until) {
        synchronized (queue) {
            Entry head = queue.peek();
            if (head == null || head.at.isAfter(until)) {
                return null;
            }
            return queue.poll();
        }
    }

    private int run(Entry entry) {
        if (entry.cancelled) {
            return 0;
        }
        try {
            entry.action.run();
        } catch (RuntimeException e) {
            onFailure.accept(e);
        }
        return 1;
    }

    private static final class Entry implements Comparable<Entry>, Timer {

        private final Instant at;
        private final long sequence;
        private final Runnable action;
        private volatile boolean cancelled;

        Entry(Instant at, long sequence, Runnable action) {
            this.at = at;
            this.sequence = sequence;
            this.action = action;
        }

        @Override
        public void cancel() {
            cancelled = true;
        }

        @Override
        public int compareTo(Entry other) {
            int byTime = at.compareTo(other.at);
            return byTime != 0 ? byTime : Long.compare(sequence, other.sequence);
        }
    }

    private final class VirtualClock extends Clock {

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
