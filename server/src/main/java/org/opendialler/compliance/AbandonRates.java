package org.opendialler.compliance;

import java.time.Instant;

/**
 * The running abandon rate of a queue, the worse of its 24-hour and 30-day windows, in percent.
 * The default reads the {@code cdr} table ({@link CdrHistory}); a running dialler may pass its
 * own meters ({@code AbandonMeter.read(now).worst()}) instead.
 */
@FunctionalInterface
public interface AbandonRates {

    double worstPercent(long ccid, long qid, Instant now);
}
