package org.opendialler.telephony;

/** Receives every event of every call of a port, in order, on the scheduler's thread. */
@FunctionalInterface
public interface CallListener {

    void onCallEvent(CallEvent event);
}
