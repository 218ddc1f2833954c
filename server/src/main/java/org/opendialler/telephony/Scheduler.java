package org.opendialler.telephony;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Runs actions at times on one thread, in time order. Everything timed in the dialler (ring
 * times, the two-second connect rule, wrap, pacing ticks) goes through it, so a test that
 * steps a {@link DiscreteEventScheduler} controls all of time. {@link #schedule} may be called
 * from any thread.
 */
public interface Scheduler {

    /** The scheduler's time: virtual time for a simulation, wall time on a live system. */
    Clock clock();

    /** Runs {@code action} at {@code at} (at once if {@code at} is past). */
    Timer schedule(Instant at, Runnable action);

    /** Runs {@code action} after {@code delay}. */
    default Timer after(Duration delay, Runnable action) {
        return schedule(clock().instant().plus(delay), action);
    }

    /** Runs {@code action} as soon as possible, on the scheduler's thread. */
    default Timer execute(Runnable action) {
        return schedule(clock().instant(), action);
    }

    /** A scheduled action that may be cancelled before it runs. */
    interface Timer {

        /** Stops the action from running; no effect once it ran. */
        void cancel();
    }
}
