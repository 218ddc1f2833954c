package org.opendialler.dialler;

import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;

/**
 * The order in which a queue's dialable records are claimed (dialler.md "Order"): due
 * callbacks first, oldest due first; then the highest-priority dataset; then the oldest
 * {@code ProcessDate}; then the lowest id. Priorities only compare within one campaign table,
 * so comparing records of two tables is refused. The SQL claim must sort the same way.
 */
public final class ClaimOrder implements Comparator<ClaimOrder.Candidate> {

    private final Instant now;

    private ClaimOrder(Instant now) {
        this.now = now;
    }

    /** The order at {@code now}, which decides whether a callback is due. */
    public static ClaimOrder at(Instant now) {
        return new ClaimOrder(Objects.requireNonNull(now, "now"));
    }

    /**
     * What the order reads of a record.
     *
     * @param id the record id
     * @param table its campaign table
     * @param datasetPriority its dataset's priority, 0 to 90
     * @param callback its callback time, or null
     * @param processDate its ProcessDate
     */
    public record Candidate(long id, String table, int datasetPriority, Instant callback,
            Instant processDate) {
    }

    @Override
    public int compare(Candidate a, Candidate b) {
        if (!a.table().equalsIgnoreCase(b.table())) {
            throw new IllegalArgumentException("records of tables " + a.table() + " and "
                    + b.table() + " have no common order");
        }
        return Comparator.comparing(this::notDueCallback)
                .thenComparing(this::dueTime, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(Candidate::datasetPriority, Comparator.reverseOrder())
                .thenComparing(Candidate::processDate,
                        Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparingLong(Candidate::id)
                .compare(a, b);
    }

    /** Whether {@code c} has a callback that is due now. */
    public boolean isDueCallback(Candidate c) {
        return c.callback() != null && !c.callback().isAfter(now);
    }

    private boolean notDueCallback(Candidate c) {
        return !isDueCallback(c);
    }

    private Instant dueTime(Candidate c) {
        return isDueCallback(c) ? c.callback() : null;
    }
}
