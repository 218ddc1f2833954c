package org.opendialler.telephony;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DiscreteEventSchedulerTest {

    private static final Instant START = Instant.parse("2024-03-04T08:00:00Z");

    @Test
    void actionsRunInTimeOrderAndTiesInSchedulingOrder() {
        DiscreteEventScheduler scheduler = new DiscreteEventScheduler(START);
        List<String> ran = new ArrayList<>();

        scheduler.after(Duration.ofSeconds(5), () -> ran.add("b"));
        scheduler.after(Duration.ofSeconds(1), () -> ran.add("a"));
        scheduler.after(Duration.ofSeconds(5), () -> ran.add("c"));
        scheduler.advance(Duration.ofSeconds(10));

        assertEquals(List.of("a", "b", "c"), ran);
    }

    @Test
    void theClockReadsTheTimeOfTheRunningAction() {
        DiscreteEventScheduler scheduler = new DiscreteEventScheduler(START);
        List<Instant> seen = new ArrayList<>();

        scheduler.after(Duration.ofSeconds(3), () -> seen.add(scheduler.clock().instant()));
        scheduler.advance(Duration.ofMinutes(1));

        assertEquals(List.of(START.plusSeconds(3)), seen);
        assertEquals(START.plusSeconds(60), scheduler.clock().instant());
    }

    @Test
    void actionsDueLaterThanTheStepWaitForTheNextStep() {
        DiscreteEventScheduler scheduler = new DiscreteEventScheduler(START);
        List<String> ran = new ArrayList<>();
        scheduler.after(Duration.ofSeconds(30), () -> ran.add("late"));

        scheduler.advance(Duration.ofSeconds(29));
        boolean before = ran.isEmpty();
        scheduler.advance(Duration.ofSeconds(1));

        assertTrue(before);
        assertEquals(List.of("late"), ran);
    }

    @Test
    void anActionMayScheduleAnotherThatRunsInTheSameStep() {
        DiscreteEventScheduler scheduler = new DiscreteEventScheduler(START);
        List<Instant> seen = new ArrayList<>();

        scheduler.after(Duration.ofSeconds(1), () -> scheduler.after(Duration.ofSeconds(2),
                () -> seen.add(scheduler.clock().instant())));
        scheduler.advance(Duration.ofSeconds(5));

        assertEquals(List.of(START.plusSeconds(3)), seen);
    }

    @Test
    void aCancelledActionNeverRuns() {
        DiscreteEventScheduler scheduler = new DiscreteEventScheduler(START);
        List<String> ran = new ArrayList<>();

        Scheduler.Timer timer = scheduler.after(Duration.ofSeconds(1), () -> ran.add("x"));
        timer.cancel();
        scheduler.advance(Duration.ofSeconds(2));

        assertTrue(ran.isEmpty());
    }

    @Test
    void aFailingActionIsReportedAndLaterActionsStillRun() {
        List<RuntimeException> failures = new ArrayList<>();
        DiscreteEventScheduler scheduler = new DiscreteEventScheduler(START, failures::add);
        List<String> ran = new ArrayList<>();

        scheduler.after(Duration.ofSeconds(1), () -> {
            throw new IllegalStateException("boom");
        });
        scheduler.after(Duration.ofSeconds(2), () -> ran.add("after"));
        scheduler.advance(Duration.ofSeconds(3));

        assertEquals(1, failures.size());
        assertEquals(List.of("after"), ran);
    }
}
