package org.opendialler.dialler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.opendialler.telephony.CarrierProfile;
import org.opendialler.telephony.DiscreteEventScheduler;
import org.opendialler.telephony.SimulatedCarrier;

/**
 * A working day of predictive dialling on the simulated carrier and agents: with a high answer
 * rate and few agents, overdialling abandons many calls unless the guard holds it back.
 */
class PredictiveDayTest {

    private static final Instant START = Instant.parse("2024-03-04T08:00:00Z");
    private static final Duration DAY = Duration.ofHours(8);
    private static final String TABLE = "Willtest";
    private static final long QID = 5;

    /** The day's end meters, and the worse meter's highest reading, taken every minute. */
    private record Day(AbandonMeter.Reading meter, double highest, InMemoryRecords records,
            WitnessPort port) {
    }

    /** Many persons answer, few machines. */
    private static final CarrierProfile LIVELY = CarrierProfile.typical(2024)
            .withWeights(0.6, 0.1, 0.2, 0.05, 0.05, 0).withDetection(0.03, 0.1)
            .withTalk(Duration.ofSeconds(20), Duration.ofSeconds(60));

    /** As many machines as persons, and detection in use: its estimate weighs on the meters. */
    private static final CarrierProfile MACHINES = LIVELY.withWeights(0.35, 0.35, 0.2, 0.05,
            0.05, 0);

    private static Day run(Pacing pacing) {
        return run(pacing, LIVELY);
    }

    private static Day run(Pacing pacing, CarrierProfile profile) {
        DiscreteEventScheduler scheduler = new DiscreteEventScheduler(START, e -> {
            throw e;
        });
        InMemoryRecords records = new InMemoryRecords(scheduler.clock());
        records.dataset(1, 50, true);
        for (int i = 0; i < 6000; i++) {
            records.add(TABLE, 1, String.format("+4477009%05d", i));
        }
        SimulatedCarrier carrier = new SimulatedCarrier(profile, scheduler);
        WitnessPort port = new WitnessPort(carrier, records);
        AtomicLong ids = new AtomicLong();
        Dialler dialler = new Dialler(scheduler, port, records, records, pacing,
                ids::incrementAndGet);
        SimulatedAgents agents = new SimulatedAgents(dialler, scheduler,
                AgentProfile.typical(99), id -> carrier.truth(id)
                        .map(t -> t == SimulatedCarrier.Truth.MACHINE).orElse(false));
        dialler.start();
        dialler.startQueue(QueueSettings.defaults(QID, TABLE, DialMode.PREDICTIVE,
                "+441134960000").withMaxRatio(3).withWrapTime(Duration.ofSeconds(10))
                .withInfoMessage("info.wav"));

        agents.shift(Set.of(1L, 2L, 3L), Set.of(QID), START, START.plus(DAY));
        double highest = 0;
        for (Instant at = START; at.isBefore(START.plus(DAY).plusSeconds(600));
                at = at.plus(Duration.ofMinutes(1))) {
            scheduler.runUntil(at);
            highest = Math.max(highest, dialler.abandonRate(QID).worst());
        }
        scheduler.runUntil(START.plus(DAY).plusSeconds(600));

        return new Day(dialler.abandonRate(QID), highest, records, port);
    }

    @Test
    void theGuardKeepsBothMetersAtOrUnderThreePercent() {
        Day day = run(Pacing.guarded());

        assertTrue(day.meter().day().percent() <= 3.0, "24 h: " + day.meter().day());
        assertTrue(day.meter().month().percent() <= 3.0, "30 d: " + day.meter().month());
        assertTrue(day.meter().day().live() > 500, "a real day's work: " + day.meter().day());
        assertTrue(day.highest() <= 3.0, "highest reading of the day: " + day.highest());
        assertEquals(List.of(), day.records().violations());
        assertEquals(List.of(), day.port().violations);
    }

    @Test
    void withAsManyMachinesAsPersonsTheGuardStillKeepsBothMetersAtOrUnderThreePercent() {
        Day day = run(Pacing.guarded(), MACHINES);

        assertTrue(day.highest() <= 3.0, "highest reading of the day: " + day.highest());
        assertTrue(day.meter().day().machines() > 100, "detection was used: " + day.meter().day());
        assertTrue(day.meter().day().live() > 500, "a real day's work: " + day.meter().day());
    }

    @Test
    void withAsManyMachinesAsPersonsAndNoGuardTheMetersGoOverThreePercent() {
        Day day = run(Pacing.unguarded(), MACHINES);

        assertTrue(day.highest() > 3.0, "highest reading of the day: " + day.highest());
    }

    @Test
    void withoutTheGuardTheSameDayAbandonsMoreThanThreePercent() {
        Day day = run(Pacing.unguarded());

        assertTrue(day.meter().day().percent() > 3.0, "24 h: " + day.meter().day());
    }

    @Test
    void theGuardedDayStillDialsMoreThanOneLinePerAgent() {
        Day guarded = run(Pacing.guarded());

        long attempts = guarded.records().results().size();
        long answered = guarded.meter().day().live();
        assertTrue(attempts > answered * 1.2, attempts + " attempts, " + answered + " live");
    }

    @Test
    void theSameSeedGivesTheSameDay() {
        Day first = run(Pacing.guarded());
        Day again = run(Pacing.guarded());

        assertEquals(first.meter(), again.meter());
        assertEquals(first.port().originated, again.port().originated);
    }
}
