package org.opendialler.telephony;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RealTimeDriverTest {

    private static final Instant START = Instant.parse("2024-03-04T08:00:00Z");

    @Test
    void oneWallSecondIsScaleVirtualSeconds() {
        DiscreteEventScheduler scheduler = new DiscreteEventScheduler(START);
        AtomicLong wall = new AtomicLong(1_000);

        RealTimeDriver driver = new RealTimeDriver(scheduler, 480, wall::get);

        long oneSecondLater = 1_000 + TimeUnit.SECONDS.toNanos(1);
        assertEquals(START.plusSeconds(480), driver.virtualAt(oneSecondLater));
        assertEquals(oneSecondLater, driver.wallNanosFor(START.plusSeconds(480)));
    }

    @Test
    void aStepRunsWhatIsDueAtTheWallTimeAndNoMore() {
        DiscreteEventScheduler scheduler = new DiscreteEventScheduler(START);
        AtomicLong wall = new AtomicLong(0);
        RealTimeDriver driver = new RealTimeDriver(scheduler, 60, wall::get);
        List<String> ran = new ArrayList<>();
        scheduler.after(Duration.ofSeconds(60), () -> ran.add("minute"));
        scheduler.after(Duration.ofSeconds(120), () -> ran.add("two minutes"));

        wall.set(TimeUnit.SECONDS.toNanos(1));
        driver.step();

        assertEquals(List.of("minute"), ran);
        assertEquals(START.plusSeconds(60), scheduler.clock().instant());
    }

    @Test
    void aScaleOfZeroIsRefused() {
        DiscreteEventScheduler scheduler = new DiscreteEventScheduler(START);

        assertThrows(IllegalArgumentException.class,
                () -> new RealTimeDriver(scheduler, 0, System::nanoTime));
    }

    @Test
    void closingADriverThatNeverStartedIsHarmless() {
        DiscreteEventScheduler scheduler = new DiscreteEventScheduler(START);
        RealTimeDriver driver = new RealTimeDriver(scheduler, 1, System::nanoTime);

        driver.close();

        assertTrue(scheduler.nextAt().isEmpty());
    }
}
