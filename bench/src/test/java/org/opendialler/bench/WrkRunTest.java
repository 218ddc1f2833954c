package org.opendialler.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** How the read benchmark reads wrk's output and takes its rounds together. */
class WrkRunTest {

    /** What read.lua prints for a run whose every latency is {@code us} microseconds. */
    private static String output(long requests, long us, long bad) {
        StringBuilder out = new StringBuilder("Running 1s test @ http://127.0.0.1:1/\n");
        out.append("od.requests ").append(requests).append('\n')
                .append("od.duration_us 1000000\n")
                .append("od.bad ").append(bad).append('\n')
                .append("od.errors 0\n")
                .append("od.mean_us ").append(us).append(".0\n");
        for (int i = 0; i <= 1000; i++) {
            out.append("od.q ").append(i).append(' ').append(us).append('\n');
        }
        return out.toString();
    }

    @Test
    void roundsWeighByTheirRequestsInThePercentiles() {
        Wrk.Run fast = Wrk.Run.parse(output(9_000, 2_000, 0));
        Wrk.Run slow = Wrk.Run.parse(output(1_000, 50_000, 0));

        Wrk.Run both = Wrk.Run.of(List.of(fast, slow));

        assertEquals(10_000, both.requests());
        assertEquals(5_000, both.rate(), 1e-9);
        assertEquals(2.0, both.percentileMs(50), 1e-9);
        assertEquals(2.0, both.percentileMs(89.9), 1e-9);
        assertEquals(50.0, both.percentileMs(99), 1e-9);
        assertEquals((9_000 * 2.0 + 1_000 * 50.0) / 10_000, both.meanMs(), 1e-9);
    }

    @Test
    void anAnswerThatIsNotASuccessfulEnvelopeFailsTheRun() {
        assertThrows(IllegalStateException.class, () -> Wrk.Run.parse(output(100, 2_000, 1)));
        assertThrows(IllegalStateException.class, () -> Wrk.Run.parse("wrk: connection refused"));
    }
}
