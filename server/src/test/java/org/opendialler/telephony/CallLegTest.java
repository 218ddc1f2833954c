package org.opendialler.telephony;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

class CallLegTest {

    @Test
    void anAnsweredCallConnectsAndEnds() {
        CallLeg leg = new CallLeg(7);

        leg.moveTo(CallState.RINGING);
        leg.moveTo(CallState.ANSWERED);
        leg.moveTo(CallState.CONNECTED);
        leg.moveTo(CallState.ENDED);

        assertEquals(CallState.ENDED, leg.state());
    }

    @Test
    void anEndedCallCannotBeAnsweredAndTheErrorSaysWhatWasExpected() {
        CallLeg leg = new CallLeg(7);
        leg.moveTo(CallState.ENDED);

        IllegalCallStateException e = assertThrows(IllegalCallStateException.class,
                () -> leg.moveTo(CallState.ANSWERED));

        assertEquals(CallState.ENDED, e.actual());
        assertEquals(Set.of(CallState.DIALLING, CallState.RINGING), e.expected());
        assertTrue(e.getMessage().contains("Call 7"), e.getMessage());
    }

    @Test
    void aRingingCallCannotBeConnectedBeforeItIsAnswered() {
        CallLeg leg = new CallLeg(8);
        leg.moveTo(CallState.RINGING);

        assertThrows(IllegalCallStateException.class, () -> leg.moveTo(CallState.CONNECTED));

        assertEquals(CallState.RINGING, leg.state());
    }

    @Test
    void requireNamesTheRefusedAction() {
        CallLeg leg = new CallLeg(9);

        IllegalCallStateException e = assertThrows(IllegalCallStateException.class,
                () -> leg.require(Set.of(CallState.ANSWERED), "connect"));

        assertTrue(e.getMessage().contains("cannot connect"), e.getMessage());
        assertEquals(CallState.DIALLING, e.actual());
    }
}
