package org.opendialler.dialler;

import java.time.Instant;
import java.util.Objects;

/**
 * What an agent sets when a call is done.
 *
 * @param outcome the outcome code
 * @param callback when to call back, or null
 * @param agentSpecific whether only this agent may take the callback
 * @param notes text to append to the record's notes, or null
 */
public record Disposition(Outcome outcome, Instant callback, boolean agentSpecific,
        String notes) {

    public Disposition {
        Objects.requireNonNull(outcome, "outcome");
        if (agentSpecific && callback == null) {
            throw new IllegalArgumentException("an agent-specific callback needs a time");
        }
    }

    public static Disposition of(Outcome outcome) {
        return new Disposition(outcome, null, false, null);
    }
}
