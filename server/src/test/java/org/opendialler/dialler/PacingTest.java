package org.opendialler.dialler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class PacingTest {

    private static final Instant T0 = Instant.parse("2024-03-01T09:00:00Z");
    private static final QueueSettings PREDICTIVE = QueueSettings.defaults(1, "Willtest",
            DialMode.PREDICTIVE, "+441134960000").withMaxRatio(3);

    private static CallStats answering(int answered, int of) {
        CallStats stats = new CallStats();
        for (int i = 0; i < of; i++) {
            stats.attempt(i < answered);
        }
        return stats;
    }

    private static AbandonMeter.Reading meterAt(int abandoned, int live) {
        AbandonMeter meter = new AbandonMeter(0);
        for (int i = 0; i < live; i++) {
            meter.liveAnswered(T0);
        }
        for (int i = 0; i < abandoned; i++) {
            meter.abandoned(T0);
        }
        return meter.read(T0);
    }

    @Test
    void previewStartsNoCalls() {
        QueueSettings preview = QueueSettings.defaults(1, "W", DialMode.PREVIEW, "+441");

        Pacing.Decision d = Pacing.guarded().decide(preview, new Pacing.Load(4, 0, 0, 0),
                meterAt(0, 0), new CallStats());

        assertEquals(0, d.calls());
    }

    @Test
    void progressiveStartsOneCallPerWaitingAgentLessThoseInFlight() {
        QueueSettings progressive = QueueSettings.defaults(1, "W", DialMode.PROGRESSIVE, "+441");

        Pacing.Decision d = Pacing.guarded().decide(progressive, new Pacing.Load(4, 2, 1, 0),
                meterAt(0, 0), answering(10, 100));

        assertEquals(3, d.calls());
        assertTrue(d.agentGuaranteed());
    }

    @Test
    void predictiveDialsTheInverseOfTheAnswerRateCappedByMaxRatio() {
        // 500 attempts with 100 answered: rate (100+20)/(500+20), inverse 4.33, capped at 3.
        Pacing.Decision d = Pacing.guarded().decide(PREDICTIVE, new Pacing.Load(2, 0, 0, 0),
                meterAt(0, 1000), answering(100, 500));

        assertEquals(6, d.calls());
        assertFalse(d.agentGuaranteed());
        assertTrue(d.detectMachine());
    }

    @Test
    void predictiveUsesTheMeasuredRateBelowTheCap() {
        // 240 of 500 plus a prior of 20 of 20: a rate of 0.5 gives two lines per agent.
        CallStats stats = answering(240, 500);

        Pacing.Decision d = Pacing.guarded().decide(PREDICTIVE, new Pacing.Load(3, 0, 1, 0),
                meterAt(0, 1000), stats);

        assertEquals(2.0, d.ratio(), 0.05);
        assertEquals(5, d.calls());
    }

    @Test
    void withoutMeasurementsPredictiveStartsLikeProgressive() {
        Pacing.Decision d = Pacing.guarded().decide(PREDICTIVE, new Pacing.Load(3, 0, 0, 0),
                meterAt(0, 0), new CallStats());

        assertEquals(3, d.calls());
    }

    @Test
    void theGuardSlowsDownBetweenHalfTheTargetAndTheTarget() {
        CallStats stats = answering(100, 500);

        double free = Pacing.guarded().ratio(PREDICTIVE, meterAt(1, 100), stats);
        double slowed = Pacing.guarded().ratio(PREDICTIVE, meterAt(2, 100), stats);

        assertEquals(3.0, free, 1e-9);
        assertEquals(1 + 2 * (3.0 - 2.0) / 1.5, slowed, 1e-9);
    }

    @Test
    void atTheTargetTheGuardFallsBackToProgressive() {
        Pacing.Decision d = Pacing.guarded().decide(PREDICTIVE, new Pacing.Load(2, 0, 0, 0),
                meterAt(3, 100), answering(100, 500));

        assertEquals(2, d.calls());
        assertTrue(d.agentGuaranteed());
        assertFalse(d.detectMachine(), "no headroom for detection's false positives");
    }

    @Test
    void predictiveStartsNoMoreCallsBeyondFreeAgentsThanTheMetersCanTakeAsAbandons() {
        // 1 abandoned of 200 live: (0.03 * 200 - 1) / 0.97 = 5.15 more abandons fit under 3%,
        // one of them kept in hand. With 3 free agents and each call counted as a possible
        // machine at 5%, at most floor((4.15 + 3) / 1.05) = 6 calls in flight, of which 1
        // already is; the ratio of 3 alone would start 3 * 3 - 1 = 8.
        Pacing.Decision d = Pacing.guarded().decide(PREDICTIVE, new Pacing.Load(3, 0, 1, 0),
                meterAt(1, 200), answering(50, 500));

        assertEquals(5, d.calls());
        assertFalse(d.agentGuaranteed());
    }

    @Test
    void withTooFewLiveCallsToAbsorbAnAbandonPredictiveDialsLikeProgressive() {
        // 20 live calls: one abandon would be 1 / 21 = 4.8%, over the target.
        Pacing.Decision d = Pacing.guarded().decide(PREDICTIVE, new Pacing.Load(3, 0, 0, 0),
                meterAt(0, 20), answering(50, 500));

        assertEquals(3, d.calls());
        assertTrue(d.agentGuaranteed());
    }

    @Test
    void detectionStopsWhenItsFalsePositiveEstimateWouldTakeTheMetersOverTheTarget() {
        // Headroom (0.03 * 150 - 2) / 0.97 = 2.58 abandons, one kept in hand: 1.58. At 5% a
        // call, 31 calls count 1.55 and 32 count 1.60.
        QueueSettings progressive = QueueSettings.defaults(1, "W", DialMode.PROGRESSIVE, "+441");

        Pacing.Decision fit = Pacing.guarded().decide(progressive,
                new Pacing.Load(31, 0, 0, 0), meterAt(2, 150), answering(50, 500));
        Pacing.Decision more = Pacing.guarded().decide(progressive,
                new Pacing.Load(32, 0, 0, 0), meterAt(2, 150), answering(50, 500));

        assertTrue(fit.detectMachine());
        assertFalse(more.detectMachine());
    }

    @Test
    void aQueueWithoutDetectionNeverDetects() {
        QueueSettings noAmd = PREDICTIVE.withDetectMachine(false);

        Pacing.Decision d = Pacing.guarded().decide(noAmd, new Pacing.Load(2, 0, 0, 0),
                meterAt(0, 1000), answering(100, 500));

        assertFalse(d.detectMachine());
        assertEquals(6, d.calls());
    }

    @Test
    void withoutTheGuardTheMeterIsIgnored() {
        Pacing.Decision d = Pacing.unguarded().decide(PREDICTIVE, new Pacing.Load(2, 0, 0, 0),
                meterAt(30, 100), answering(100, 500));

        assertEquals(6, d.calls());
    }

    @Test
    void answeredCallsWaitingForAnAgentUseUpWaitingAgents() {
        Pacing.Decision d = Pacing.guarded().decide(PREDICTIVE, new Pacing.Load(2, 0, 0, 2),
                meterAt(0, 100), answering(100, 500));

        assertEquals(0, d.calls());
    }
}
