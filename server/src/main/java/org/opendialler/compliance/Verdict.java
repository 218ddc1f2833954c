package org.opendialler.compliance;

import java.time.Instant;

/**
 * The guard's answer on one record: the number to dial now, or why not and from when it may be
 * tried again ({@code null} when never, or not known).
 */
public record Verdict(String number, Reason reason, Instant notBefore) {

    public static Verdict dial(String number) {
        return new Verdict(number, null, null);
    }

    public static Verdict refuse(Reason reason, Instant notBefore) {
        return new Verdict(null, reason, notBefore);
    }

    public boolean dialable() {
        return reason == null;
    }
}
