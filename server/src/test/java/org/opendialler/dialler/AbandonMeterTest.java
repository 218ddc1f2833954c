package org.opendialler.dialler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AbandonMeterTest {

    private static final Instant T0 = Instant.parse("2024-03-01T09:00:00Z");

    @Test
    void theRateIsAbandonsOverLiveAnsweredCalls() {
        AbandonMeter meter = new AbandonMeter(0);
        for (int i = 0; i < 50; i++) {
            meter.liveAnswered(T0.plusSeconds(i));
        }

        meter.abandoned(T0.plusSeconds(60));

        assertEquals(2.0, meter.read(T0.plusSeconds(120)).day().percent(), 1e-9);
    }

    @Test
    void detectedMachinesAddTheFalsePositiveEstimateToBothSides() {
        AbandonMeter meter = new AbandonMeter(0.05);
        for (int i = 0; i < 95; i++) {
            meter.liveAnswered(T0);
        }

        for (int i = 0; i < 100; i++) {
            meter.machineDetected(T0);
        }

        // 100 machines at 5% are 5 hidden persons, all abandoned: 5 of 100.
        assertEquals(5.0, meter.read(T0).day().percent(), 1e-9);
    }

    @Test
    void theDayWindowForgetsAfter24HoursButTheMonthWindowRemembers() {
        AbandonMeter meter = new AbandonMeter(0);
        meter.liveAnswered(T0);
        meter.abandoned(T0);
        meter.liveAnswered(T0.plus(Duration.ofHours(25)));

        AbandonMeter.Reading reading = meter.read(T0.plus(Duration.ofHours(25)));

        assertEquals(0.0, reading.day().percent(), 1e-9);
        assertEquals(50.0, reading.month().percent(), 1e-9);
        assertEquals(50.0, reading.worst(), 1e-9);
    }

    @Test
    void theMonthWindowForgetsAfter30Days() {
        AbandonMeter meter = new AbandonMeter(0);
        meter.liveAnswered(T0);
        meter.abandoned(T0);

        AbandonMeter.Reading reading = meter.read(T0.plus(Duration.ofDays(31)));

        assertEquals(0, reading.month().live());
        assertEquals(0.0, reading.worst(), 1e-9);
    }
}
