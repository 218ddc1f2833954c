package org.opendialler.dialler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.opendialler.telephony.DiscreteEventScheduler;

/** The claim batch hands out claimed records from memory as the claims would have, in order. */
class ClaimBatchTest {

    private static final Instant START = Instant.parse("2024-03-04T09:00:10Z");
    private static final String TABLE = "Willtest";
    private static final QueueSettings QUEUE = QueueSettings.defaults(5, TABLE,
            DialMode.PREVIEW, "+441134960000");

    private final DiscreteEventScheduler scheduler = new DiscreteEventScheduler(START);
    private final InMemoryRecords records = new InMemoryRecords(scheduler.clock());
    private final Counting source = new Counting(records);
    private final ClaimBatch batch = new ClaimBatch(source, 50, scheduler.clock());

    /** The records' claims, counting the claims asked of it. */
    private static final class Counting implements RecordClaims {

        final RecordClaims inner;
        int claims;
        int released;

        Counting(RecordClaims inner) {
            this.inner = inner;
        }

        @Override
        public List<ClaimedRecord> claim(QueueSettings queue, int max, Set<Long> agents,
                boolean agentGuaranteed) {
            claims++;
            return inner.claim(queue, max, agents, agentGuaranteed);
        }

        @Override
        public void release(ClaimedRecord record) {
            released++;
            inner.release(record);
        }

        @Override
        public void renew(Collection<ClaimedRecord> held) {
            inner.renew(held);
        }
    }

    private List<Long> add(int count) {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(records.add(TABLE, 1, String.format("+4477009%05d", ids.size())).id);
        }
        return ids;
    }

    private Long next(long agent) {
        List<ClaimedRecord> got = batch.claim(QUEUE, 1, Set.of(agent), true);
        return got.isEmpty() ? null : got.get(0).recordId();
    }

    @Test
    void aBusyQueueClaimsInBatchesAndHandsOutInClaimOrderEachRecordOnce() {
        records.dataset(1, 50, true);
        List<Long> ids = add(200);

        List<Long> handed = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            handed.add(next(i % 7));
        }

        assertEquals(ids.subList(0, 150), handed);
        assertTrue(source.claims < 20, "claims asked of the source: " + source.claims);
        assertTrue(batch.waiting() > 0);
        assertEquals(List.of(), records.violations());
    }

    @Test
    void aQuietQueueClaimsWhatItIsAskedFor() {
        records.dataset(1, 50, true);
        add(5);

        next(1);
        scheduler.advance(Duration.ofSeconds(5));
        next(1);

        assertEquals(2, source.claims);
        assertEquals(0, batch.waiting());
    }

    @Test
    void recordsJudgedInAnEarlierMinuteAreGivenBackAndClaimedAfresh() {
        records.dataset(1, 50, true);
        List<Long> ids = add(40);
        for (int i = 0; i < 10; i++) {
            next(1);
        }
        int waiting = batch.waiting();
        int claims = source.claims;

        scheduler.advance(Duration.ofMinutes(1));
        Long after = next(1);

        assertTrue(waiting > 0);
        assertEquals(waiting, source.released);
        assertEquals(claims + 1, source.claims);
        assertEquals(ids.get(10), after, "the first record given back comes first again");
        assertEquals(List.of(), records.violations());
    }

    @Test
    void anAgentSpecificRecordGoesOnlyToItsAgent() {
        records.dataset(1, 50, true);
        add(30);
        InMemoryRecords.Rec mine = records.add(TABLE, 1, "+447700900999");
        mine.agentSpecific = true;
        mine.agentRef = 9L;

        Set<Long> toOne = new HashSet<>();
        Set<Long> toNine = new HashSet<>();
        for (int i = 0; i < 40; i++) {
            (i % 2 == 0 ? toOne : toNine).add(next(i % 2 == 0 ? 1 : 9));
        }

        assertFalse(toOne.contains(mine.id));
        assertTrue(toNine.contains(mine.id));
        assertEquals(List.of(), records.violations());
    }

    /** A source that answers the batches it was given, in turn. */
    private static final class Scripted implements RecordClaims {

        final List<List<ClaimedRecord>> batches = new ArrayList<>();

        @Override
        public List<ClaimedRecord> claim(QueueSettings queue, int max, Set<Long> agents,
                boolean agentGuaranteed) {
            return batches.isEmpty() ? List.of() : batches.remove(0);
        }

        @Override
        public void release(ClaimedRecord record) {
        }

        @Override
        public void renew(Collection<ClaimedRecord> held) {
        }
    }

    private static ClaimedRecord rec(long id, Long agent, boolean callback) {
        return new ClaimedRecord(id, TABLE, 1, "+4477009000" + id, agent, callback);
    }

    @Test
    void aDueCallbackClaimedLaterGoesBeforeTheRecordsWaiting() {
        Scripted scripted = new Scripted();
        ClaimBatch hopper = new ClaimBatch(scripted, 50, scheduler.clock());
        ClaimedRecord waiting = rec(1, 4L, false);
        ClaimedRecord due = rec(3, 4L, true);
        scripted.batches.add(List.of(waiting, rec(2, null, false)));
        scripted.batches.add(List.of(due, rec(4, null, false)));

        hopper.claim(QUEUE, 1, Set.of(1L), true);
        hopper.claim(QUEUE, 1, Set.of(1L), true);
        List<ClaimedRecord> toFour = hopper.claim(QUEUE, 1, Set.of(4L), true);

        assertEquals(List.of(due), toFour);
    }

    @Test
    void aCallWithoutAGuaranteedAgentGetsNoRecordJudgedWithOne() {
        records.dataset(1, 50, true);
        add(40);
        for (int i = 0; i < 10; i++) {
            next(1);
        }
        int waiting = batch.waiting();

        List<ClaimedRecord> got = batch.claim(QUEUE, 2, Set.of(1L, 2L), false);

        assertEquals(2, got.size());
        assertEquals(waiting, source.released);
        assertEquals(List.of(), records.violations());
    }

    @Test
    void recordsOfADatasetNoLongerLiveAreGivenBack() {
        records.dataset(1, 50, true);
        records.dataset(2, 50, true);
        add(20);
        for (int i = 0; i < 20; i++) {
            records.add(TABLE, 2, String.format("+4477008%05d", i));
        }
        for (int i = 0; i < 10; i++) {
            next(1);
        }
        int waiting = batch.waiting();

        batch.tidy(Set.of(2L));

        assertTrue(waiting > 0);
        assertEquals(0, batch.waiting());
        assertEquals(waiting, source.released);
        assertEquals(List.of(), records.violations());
    }
}
