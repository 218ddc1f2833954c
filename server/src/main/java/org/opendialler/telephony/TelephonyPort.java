package org.opendialler.telephony;

import java.util.Optional;

/**
 * Where calls are placed. The dialler originates a call, hears what happened through a
 * {@link CallListener}, bridges an answered call to an agent's endpoint, or plays the queue's
 * information message and hangs up. Methods never block on the network: they start the work
 * and the outcome arrives as events. Methods and listeners run on the dialler's scheduler
 * thread; an implementation that has its own threads hands its events to that scheduler.
 */
public interface TelephonyPort {

    /** A short name for CDRs ({@code carrier}), such as {@code simulated}. */
    String name();

    /** Adds a listener for the events of every call. */
    void addListener(CallListener listener);

    /** Starts a call; its events follow. Refuses a call id already in use. */
    void originate(OriginateRequest request);

    /**
     * Bridges an answered call to an agent's endpoint; {@link CallEventType#CONNECTED} follows,
     * or a hang-up if the customer has gone.
     */
    void connect(long callId, String agentEndpoint);

    /** Plays {@code message} (an audio file's name) to the answered call, then hangs up. */
    void playMessageAndHangUp(long callId, String message);

    /** Hangs up from our side; {@link CallEventType#HUNG_UP_LOCAL} follows if the call lived. */
    void hangUp(long callId);

    /** The audio of a recorded call that has ended, as a WAV file, or empty. */
    Optional<byte[]> recording(long callId);

    // A PBX's call control. A port without it keeps these defaults, and agent.php's park and
    // transfer answer that the port does not support them.

    /** Puts a connected leg on hold; {@link CallEventType#HELD} follows. */
    default void hold(long callId) {
        throw new UnsupportedCallOperationException("hold a call");
    }

    /** Takes a held leg back to the endpoint it was on; {@link CallEventType#CONNECTED} follows. */
    default void unhold(long callId) {
        throw new UnsupportedCallOperationException("take a call off hold");
    }

    /** Bridges a held leg to another agent's endpoint; {@link CallEventType#CONNECTED} follows. */
    default void redirect(long callId, String agentEndpoint) {
        throw new UnsupportedCallOperationException("redirect a call");
    }

    /**
     * Calls a third party, without answer machine detection. With an agent endpoint the leg is
     * dialled from the agent's phone and bridged to it on answer (the answer, then
     * {@link CallEventType#CONNECTED}); with null it waits, answered, to be bridged.
     */
    default void originateThirdParty(OriginateRequest request, String agentEndpoint) {
        throw new UnsupportedCallOperationException("call a third party");
    }

    /**
     * Bridges two live legs to each other; an agent on either drops off. Each leg that was not
     * connected reports {@link CallEventType#CONNECTED}.
     */
    default void bridge(long callId, long otherCallId) {
        throw new UnsupportedCallOperationException("bridge two calls");
    }
}
