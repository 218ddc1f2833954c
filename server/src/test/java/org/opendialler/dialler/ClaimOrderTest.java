package org.opendialler.dialler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClaimOrderTest {

    private static final Instant NOW = Instant.parse("2024-03-04T10:00:00Z");

    private static ClaimOrder.Candidate rec(long id, int priority, Instant callback,
            Instant processDate) {
        return new ClaimOrder.Candidate(id, "Willtest", priority, callback, processDate);
    }

    private static List<Long> sorted(ClaimOrder.Candidate... candidates) {
        List<ClaimOrder.Candidate> list = new ArrayList<>(List.of(candidates));
        list.sort(ClaimOrder.at(NOW));
        return list.stream().map(ClaimOrder.Candidate::id).toList();
    }

    @Test
    void dueCallbacksComeFirstOldestDueFirst() {
        List<Long> order = sorted(rec(1, 90, null, NOW.minusSeconds(9999)),
                rec(2, 0, NOW.minusSeconds(10), NOW),
                rec(3, 0, NOW.minusSeconds(600), NOW));

        assertEquals(List.of(3L, 2L, 1L), order);
    }

    @Test
    void aCallbackNotYetDueRanksLikeAnyOtherRecord() {
        List<Long> order = sorted(rec(1, 10, NOW.plusSeconds(60), NOW.minusSeconds(100)),
                rec(2, 50, null, NOW));

        assertEquals(List.of(2L, 1L), order);
    }

    @Test
    void higherPriorityDatasetsComeBeforeOlderRecords() {
        List<Long> order = sorted(rec(1, 10, null, NOW.minusSeconds(9999)),
                rec(2, 90, null, NOW), rec(3, 50, null, NOW.minusSeconds(5)));

        assertEquals(List.of(2L, 3L, 1L), order);
    }

    @Test
    void withinAPriorityTheOldestProcessDateThenTheLowestIdGoFirst() {
        List<Long> order = sorted(rec(4, 50, null, NOW), rec(3, 50, null, NOW),
                rec(9, 50, null, NOW.minusSeconds(60)));

        assertEquals(List.of(9L, 3L, 4L), order);
    }

    @Test
    void recordsOfTwoTablesHaveNoOrder() {
        ClaimOrder.Candidate a = new ClaimOrder.Candidate(1, "Willtest", 90, null, NOW);
        ClaimOrder.Candidate b = new ClaimOrder.Candidate(2, "Other", 10, null, NOW);

        assertThrows(IllegalArgumentException.class, () -> ClaimOrder.at(NOW).compare(a, b));
    }

    @Test
    void tableNamesCompareWithoutCase() {
        ClaimOrder.Candidate a = new ClaimOrder.Candidate(1, "Willtest", 10, null, NOW);
        ClaimOrder.Candidate b = new ClaimOrder.Candidate(2, "WILLTEST", 90, null, NOW);

        assertEquals(1, Integer.signum(ClaimOrder.at(NOW).compare(a, b)));
    }
}
