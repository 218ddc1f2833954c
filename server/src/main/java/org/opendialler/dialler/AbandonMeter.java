package org.opendialler.dialler;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;

/**
 * The abandon rate of one queue over the last 24 hours and the last 30 days, as compliance.md
 * counts it: abandons over live-answered calls, where each call that detection called a machine
 * adds the queue's false-positive estimate to both. Counts are kept per minute. Not
 * thread-safe.
 */
public final class AbandonMeter {

    public static final Duration DAY = Duration.ofHours(24);
    public static final Duration MONTH = Duration.ofDays(30);

    private final double falsePositiveEstimate;
    private final Deque<Bucket> buckets = new ArrayDeque<>();

    public AbandonMeter(double falsePositiveEstimate) {
        this.falsePositiveEstimate = falsePositiveEstimate;
    }

    /** A call a person answered (as far as detection says), at {@code at}. */
    public void liveAnswered(Instant at) {
        bucket(at).live++;
    }

    /** A live-answered call that no agent took within two seconds. */
    public void abandoned(Instant at) {
        bucket(at).abandoned++;
    }

    /** A call that detection classified as an answer machine. */
    public void machineDetected(Instant at) {
        bucket(at).machines++;
    }

    /** The rates over both windows ending at {@code now}. */
    public Reading read(Instant now) {
        drop(now.minus(MONTH));
        return new Reading(window(now, DAY), window(now, MONTH));
    }

    private Rate window(Instant now, Duration length) {
        long from = minute(now.minus(length));
        long live = 0;
        long abandoned = 0;
        long machines = 0;
        Iterator<Bucket> newestFirst = buckets.descendingIterator();
        while (newestFirst.hasNext()) {
            Bucket b = newestFirst.next();
            if (b.minute <= from) {
                break;
            }
            live += b.live;
            abandoned += b.abandoned;
            machines += b.machines;
        }
        return new Rate(live, abandoned, machines, falsePositiveEstimate);
    }

    private Bucket bucket(Instant at) {
        long minute = minute(at);
        Bucket last = buckets.peekLast();
        if (last != null && last.minute == minute) {
            return last;
        }
        if (last != null && last.minute > minute) {
            throw new IllegalArgumentException("meter events must come in time order");
        }
        Bucket b = new Bucket(minute);
        buckets.addLast(b);
        return b;
    }

    private void drop(Instant before) {
        long oldest = minute(before);
        while (!buckets.isEmpty() && buckets.peekFirst().minute <= oldest) {
            buckets.removeFirst();
        }
    }

    private static long minute(Instant at) {
        return Math.floorDiv(at.getEpochSecond(), 60);
    }

    /** Both windows; {@link #worst()} is what pacing holds under the target. */
    public record Reading(Rate day, Rate month) {

        /** The higher of the two rates, percent. */
        public double worst() {
            return Math.max(day.percent(), month.percent());
        }

        /** The smaller headroom of the two windows: see {@link Rate#headroom}. */
        public double headroom(double targetPercent) {
            return Math.min(day.headroom(targetPercent), month.headroom(targetPercent));
        }
    }

    /**
     * The counts of one window.
     *
     * @param live live-answered calls
     * @param abandoned of those, not given to an agent within two seconds
     * @param machines calls detection called machines
     * @param falsePositiveEstimate the share of {@code machines} counted as abandoned persons
     */
    public record Rate(long live, long abandoned, long machines, double falsePositiveEstimate) {

        /** The abandon rate, percent; 0 with no live calls. */
        public double percent() {
            double hidden = machines * falsePositiveEstimate;
            double denominator = live + hidden;
            return denominator == 0 ? 0 : 100 * (abandoned + hidden) / denominator;
        }

        /**
         * How many more abandoned calls this window can take and stay at or under
         * {@code targetPercent}; negative when it is already over. An abandon adds one to the
         * live calls and one to the abandons.
         */
        public double headroom(double targetPercent) {
            double t = targetPercent / 100;
            if (t >= 1) {
                return Double.POSITIVE_INFINITY;
            }
            double hidden = machines * falsePositiveEstimate;
            return (t * (live + hidden) - (abandoned + hidden)) / (1 - t);
        }
    }

    private static final class Bucket {

        private final long minute;
        private long live;
        private long abandoned;
        private long machines;

        Bucket(long minute) {
            this.minute = minute;
        }
    }
}
