package org.opendialler.dialler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SqlCallOutcomesTest {

    private static final Instant AT = Instant.parse("2026-11-04T10:00:00Z");

    private static CallResult result(boolean abandoned, String message) {
        ClaimedRecord record = new ClaimedRecord(1, "T", 2, "+447700900001", null, false);
        Cdr cdr = new Cdr(9, 3, "T", 2, 1, null, "+447700900001", "+441632960000",
                abandoned ? Cdr.ABANDONED : Cdr.ANSWERED, "out", "sim", AT, AT, AT,
                Duration.ofSeconds(5), null, null, null, false);
        return new CallResult(record, Disposition.of(Outcome.ABANDONED), false, cdr, null,
                abandoned, message, null, AT);
    }

    @Test
    void anAbandonedCallThatHeardTheMessageSaysSoInItsCdrFlags() {
        assertEquals("info_message", SqlCallOutcomes.flags(result(true, "sorry.wav"), false));
        assertEquals("recorded,info_message",
                SqlCallOutcomes.flags(result(true, "sorry.wav"), true));
    }

    @Test
    void otherCallsCarryOnlyTheRecordedFlag() {
        assertEquals("", SqlCallOutcomes.flags(result(false, null), false));
        assertEquals("recorded", SqlCallOutcomes.flags(result(false, null), true));
        assertEquals("", SqlCallOutcomes.flags(result(true, null), false));
    }
}
