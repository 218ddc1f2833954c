package org.opendialler.telephony;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link DiscreteEventScheduler} against wall time, {@code scale} virtual seconds per
 * wall second: 1 for a real PBX, 480 to pass an 8-hour day in a minute. Its thread is the
 * scheduler's only runner. {@link #step} does one round without waiting, for tests.
 */
public final class RealTimeDriver implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RealTimeDriver.class);
    private static final long MAX_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private final DiscreteEventScheduler scheduler;
    private final double scale;
    private final LongSupplier nanoTime;
    private final Instant virtualStart;
    private final long wallStart;
    private volatile boolean running;
    private Thread thread;

    /** A driver reading wall time from {@code nanoTime} ({@code System::nanoTime} live). */
    public RealTimeDriver(DiscreteEventScheduler scheduler, double scale, LongSupplier nanoTime) {
        if (!(scale > 0)) {
            throw new IllegalArgumentException("scale must be positive: " + scale);
        }
        this.scheduler = scheduler;
        this.scale = scale;
        this.nanoTime = nanoTime;
        this.virtualStart = scheduler.clock().instant();
        this.wallStart = nanoTime.getAsLong();
    }

    /** The virtual time that corresponds to a wall reading of {@code wallNanos}. */
    public Instant virtualAt(long wallNanos) {
        double virtualNanos = (wallNanos - wallStart) * scale;
        return virtualStart.plusNanos((long) virtualNanos);
    }

    /** The wall reading at which virtual time reaches {@code virtual}. */
    public long wallNanosFor(Instant virtual) {
        long virtualNanos = Duration.between(virtualStart, virtual).toNanos();
        return wallStart + (long) (virtualNanos / scale);
    }

    /** Runs everything due by now on the wall; returns how many actions ran. */
    public int step() {
        return scheduler.runUntil(virtualAt(nanoTime.getAsLong()));
    }

    /** Starts the driving thread. */
    public synchronized void start() {
        if (thread != null) {
            throw new IllegalStateException("driver already started");
        }
        running = true;
        thread = new Thread(this::loop, "dialler-scheduler");
        thread.setDaemon(true);
        thread.start();
        LOG.info("Dialler scheduler started at {}x wall time", scale);
    }

    private void loop() {
        while (running) {
            step();
            long wait = scheduler.nextAt()
                    .map(at -> wallNanosFor(at) - nanoTime.getAsLong())
                    .orElse(MAX_PARK_NANOS);
            LockSupport.parkNanos(Math.max(0, Math.min(wait, MAX_PARK_NANOS)));
        }
    }

    @Override
    public synchronized void close() {
        running = false;
        if (thread == null) {
            return;
        }
        LockSupport.unpark(thread);
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        thread = null;
        LOG.info("Dialler scheduler stopped");
    }
}
