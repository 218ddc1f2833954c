package org.opendialler.compliance;

import java.time.Instant;

/**
 * The guard's answer on one record: the number to dial now, or why not and from when it may be
 * tried again ({@code null} when never, or not known).
 *
 * @param callbackMovedTo set only for a callback with {@code Call_Back_Sametime} whose time
 *     the calling window refuses: the instant it is due instead (the same local time on the
 *     next day that allows it), which is also {@code notBefore}; the reason is then
 *     {@code callback_not_due}
 */
public record Verdict(String number, Reason reason, Instant notBefore, Instant callbackMovedTo) {

    public Verdict(String number, Reason reason, Instant notBefore) {
        this(number, reason, notBefore, null);
    }

    public static Verdict dial(String number) {
        return new Verdict(number, null, null);
    }

    public static Verdict refuse(Reason reason, Instant notBefore) {
        return new Verdict(null, reason, notBefore);
    }

    /** A sametime callback the window refuses now, due again at {@code to}. */
    public static Verdict callbackMoved(Instant to) {
        return new Verdict(null, Reason.CALLBACK_NOT_DUE, to, to);
    }

    public boolean dialable() {
        return reason == null;
    }

    /**
     * What a claim records as its refusal: the reason, except that a callback moved for
     * {@code Call_Back_Sametime} was refused by the calling window, so {@code hours}.
     */
    public Reason refusal() {
        return callbackMovedTo == null ? reason : Reason.HOURS;
    }
}
