package org.opendialler.dialler;

import java.time.Instant;

/**
 * Asked just before a call is placed: whether the claimed record may still be dialled (the API
 * may have put its dataset on hold, completed it or listed its number since the claim). The
 * integration also writes the open call row here, so that a crash leaves a trace to close.
 */
@FunctionalInterface
public interface CallGate {

    /** Whether to place call {@code callId}; a refused record's claim is released. */
    boolean admit(long callId, QueueSettings queue, ClaimedRecord record, Instant at);

    /**
     * A leg an admitted call grew (a third party, the customer a queue took over) starts: the
     * integration writes its open call row too, so that a crash leaves its trace as well.
     */
    default void legStarted(long callId, QueueSettings queue, ClaimedRecord record,
            String number, Instant at) {
    }

    /** Admits every call. */
    CallGate OPEN = (callId, queue, record, at) -> true;
}
