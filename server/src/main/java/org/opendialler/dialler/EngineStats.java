package org.opendialler.dialler;

import java.util.concurrent.atomic.AtomicLong;

/** Running totals of the engine since it started, for the demo's progress line. Thread-safe. */
public final class EngineStats {

    private final AtomicLong placed = new AtomicLong();
    private final AtomicLong finished = new AtomicLong();
    private final AtomicLong answered = new AtomicLong();
    private final AtomicLong abandoned = new AtomicLong();
    private final AtomicLong sales = new AtomicLong();

    void countPlaced() {
        placed.incrementAndGet();
    }

    void finished(CallResult result) {
        finished.incrementAndGet();
        String cres = result.cdr().cres();
        if (Cdr.ANSWERED.equals(cres) || Cdr.ABANDONED.equals(cres)) {
            answered.incrementAndGet();
        }
        if (result.abandoned()) {
            abandoned.incrementAndGet();
        }
        if (result.outcome().sale()) {
            sales.incrementAndGet();
        }
    }

    /** Calls placed (each has, or will have, one CDR). */
    public long placed() {
        return placed.get();
    }

    /** Calls whose outcome and CDR are written. */
    public long finished() {
        return finished.get();
    }

    /** Calls a person answered (as detection said), abandoned ones included. */
    public long answered() {
        return answered.get();
    }

    public long abandoned() {
        return abandoned.get();
    }

    public long sales() {
        return sales.get();
    }
}
