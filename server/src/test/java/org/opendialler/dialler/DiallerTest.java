package org.opendialler.dialler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.opendialler.telephony.CarrierProfile;
import org.opendialler.telephony.DiscreteEventScheduler;
import org.opendialler.telephony.SimulatedCarrier;
import org.opendialler.telephony.UnsupportedCallOperationException;

class DiallerTest {

    private static final Instant START = Instant.parse("2024-03-04T09:00:00Z");
    private static final String TABLE = "Willtest";
    private static final long QID = 5;

    private final DiscreteEventScheduler scheduler = new DiscreteEventScheduler(START, e -> {
        throw e;
    });
    private final InMemoryRecords records = new InMemoryRecords(scheduler.clock());
    private final List<AgentStateChange> changes = new ArrayList<>();
    private SimulatedCarrier carrier;
    private WitnessPort port;
    private Dialler dialler;

    /** A carrier where every call is answered by a person after 5 s and talks 60 s. */
    private void start(CarrierProfile profile, QueueSettings queue) {
        carrier = new SimulatedCarrier(profile, scheduler);
        port = new WitnessPort(carrier, records);
        AtomicLong ids = new AtomicLong(1000);
        dialler = new Dialler(scheduler, port, records, records, Pacing.guarded(),
                ids::incrementAndGet);
        dialler.addAgentListener(changes::add);
        dialler.start();
        dialler.startQueue(queue);
        records.dataset(1, 50, true);
    }

    private static CarrierProfile answering(double person, double machine, double noAnswer,
            double busy) {
        return new CarrierProfile(person, machine, noAnswer, busy, 0, 0, Duration.ofSeconds(5),
                Duration.ofSeconds(5), Duration.ofSeconds(60), Duration.ofSeconds(60), 0, 0,
                Duration.ofSeconds(10), 11);
    }

    private static QueueSettings progressive() {
        return QueueSettings.defaults(QID, TABLE, DialMode.PROGRESSIVE, "+441134960000")
                .withInfoMessage("sorry-we-missed-you.wav").withRecord(true);
    }

    @Test
    void aPortWithoutCallControlRefusesParkAndTransferAndTheCallGoesOn() {
        start(answering(1, 0, 0, 0), progressive());
        records.add(TABLE, 1, "+447700900001");
        dialler.login(7, Set.of(QID));
        scheduler.advance(Duration.ofSeconds(8));

        assertThrows(UnsupportedCallOperationException.class, () -> dialler.park(7));
        assertThrows(UnsupportedCallOperationException.class,
                () -> dialler.transferToNumber(7, "+447700900999"));
        LineState line = dialler.lineOf(7).orElseThrow();
        scheduler.advance(Duration.ofSeconds(70));

        assertEquals(LineState.TALK, line);
        assertEquals(AgentState.WRAP, dialler.agentState(7));
        assertEquals(List.of(), records.results());
    }

    @Test
    void anAnsweredCallGoesToTheWaitingAgentAndItsOutcomeIsRecordedWithTheAgentState() {
        start(answering(1, 0, 0, 0), progressive());
        InMemoryRecords.Rec rec = records.add(TABLE, 1, "+447700900001");
        dialler.login(7, Set.of(QID));

        scheduler.advance(Duration.ofSeconds(8));
        AgentState onCall = dialler.agentState(7);
        scheduler.advance(Duration.ofSeconds(70));
        AgentState afterHangUp = dialler.agentState(7);
        dialler.disposition(7, Disposition.of(AgentProfile.SALE), false);

        assertEquals(AgentState.CALL, onCall);
        assertEquals(AgentState.WRAP, afterHangUp);
        CallResult result = records.results().get(0);
        assertEquals(rec.id, result.record().recordId());
        assertEquals(1001, result.outcome().id());
        assertTrue(result.setByAgent());
        assertEquals(7L, result.cdr().agentId());
        assertEquals(Cdr.ANSWERED, result.cdr().cres());
        assertEquals("+447700900001", result.cdr().ddi());
        assertEquals("+441134960000", result.cdr().cli());
        assertTrue(result.cdr().recorded());
        assertNotNull(result.recording());
        assertEquals(AgentState.WAIT, result.agentChange().to());
        assertTrue(result.agentChange().partOfOutcome());
        assertEquals(InMemoryRecords.COMPLETE, rec.processType);
        assertEquals(List.of(), records.violations());
        assertEquals(List.of(), port.violations);
    }

    @Test
    void agentStatesFollowWaitCallWrapWaitAndArePublished() {
        start(answering(1, 0, 0, 0), progressive());
        records.add(TABLE, 1, "+447700900001");
        dialler.login(7, Set.of(QID));

        scheduler.advance(Duration.ofSeconds(80));
        dialler.disposition(7, Disposition.of(AgentProfile.NOT_INTERESTED), true);

        List<AgentState> seen = changes.stream().map(AgentStateChange::to).toList();
        assertEquals(List.of(AgentState.WAIT, AgentState.CALL, AgentState.WRAP,
                AgentState.PAUSE), seen);
    }

    @Test
    void anAnsweredCallWithNoAgentForTwoSecondsIsAbandonedWithTheInformationMessage() {
        start(answering(1, 0, 0, 0), progressive());
        records.add(TABLE, 1, "+447700900001");
        dialler.login(7, Set.of(QID));
        scheduler.advance(Duration.ofSeconds(2));
        dialler.pause(7, "coffee");

        scheduler.advance(Duration.ofSeconds(30));

        CallResult result = records.results().get(0);
        assertTrue(result.abandoned());
        assertEquals(Outcome.ABANDONED, result.outcome());
        assertEquals(Cdr.ABANDONED, result.cdr().cres());
        assertEquals("sorry-we-missed-you.wav", result.infoMessage());
        assertNull(result.cdr().agentId());
        long callId = result.cdr().callId();
        assertEquals(List.of("sorry-we-missed-you.wav"), carrier.messagesPlayed(callId));
        assertEquals(100.0, dialler.abandonRate(QID).day().percent());
    }

    @Test
    void anAgentFreeWithinTwoSecondsOfTheAnswerTakesTheCall() {
        start(answering(1, 0, 0, 0), progressive());
        records.add(TABLE, 1, "+447700900001");
        dialler.login(7, Set.of(QID));
        scheduler.advance(Duration.ofSeconds(2));
        dialler.pause(7, "coffee");
        scheduler.advance(Duration.ofMillis(6500));

        dialler.ready(7);
        scheduler.advance(Duration.ofSeconds(1));

        assertEquals(AgentState.CALL, dialler.agentState(7));
        assertEquals(0.0, dialler.abandonRate(QID).day().percent());
    }

    @Test
    void detectedMachinesAreHungUpAndCountTheFalsePositiveEstimate() {
        start(answering(0, 1, 0, 0).withDetection(0, 0), progressive());
        dialler.seedMeter(QID, meter -> {
            for (int i = 0; i < 100; i++) {
                meter.liveAnswered(START.minus(Duration.ofHours(1)));
            }
        });
        records.add(TABLE, 1, "+447700900001");
        dialler.login(7, Set.of(QID));

        scheduler.advance(Duration.ofSeconds(30));

        CallResult result = records.results().get(0);
        assertEquals(Outcome.ANSWER_MACHINE_DIALLER, result.outcome());
        assertEquals(Cdr.ANSWER_MACHINE, result.cdr().cres());
        assertFalse(result.abandoned());
        assertEquals(AgentState.WAIT, dialler.agentState(7));
        AbandonMeter.Rate day = dialler.abandonRate(QID).day();
        assertEquals(1, day.machines());
        assertEquals(100 * 0.05 / (100 + 0.05), day.percent(), 1e-9);
    }

    @Test
    void withNoLiveCallsToWeighItsFalsePositivesDetectionIsOffAndTheAgentHearsTheMachine() {
        start(answering(0, 1, 0, 0).withDetection(0, 0), progressive());
        records.add(TABLE, 1, "+447700900001");
        dialler.login(7, Set.of(QID));

        scheduler.advance(Duration.ofSeconds(12));

        assertEquals(AgentState.CALL, dialler.agentState(7));
        AbandonMeter.Rate day = dialler.abandonRate(QID).day();
        assertEquals(0, day.machines());
        assertEquals(1, day.live());
    }

    @Test
    void unansweredAndBusyCallsGetSystemOutcomesAndStayOnTheDialler() {
        start(answering(0, 0, 1, 0), progressive());
        InMemoryRecords.Rec rec = records.add(TABLE, 1, "+447700900001");
        dialler.login(7, Set.of(QID));

        scheduler.advance(Duration.ofSeconds(30));

        CallResult result = records.results().get(0);
        assertEquals(Outcome.NO_ANSWER, result.outcome());
        assertEquals(Cdr.NO_ANSWER, result.cdr().cres());
        assertNull(result.cdr().tmAnswer());
        assertEquals(InMemoryRecords.MORE, rec.processType);
        assertEquals(1, rec.attempts);
    }

    @Test
    void dueCallbacksAreDialledFirstThenHigherPriorityDatasets() {
        start(answering(0, 0, 1, 0), progressive());
        records.dataset(2, 90, true);
        records.add(TABLE, 1, "+447700900001");
        records.add(TABLE, 2, "+447700900002");
        InMemoryRecords.Rec callback = records.add(TABLE, 1, "+447700900003");
        callback.processType = InMemoryRecords.MORE;
        callback.callback = START.minusSeconds(60);
        dialler.login(7, Set.of(QID));

        scheduler.advance(Duration.ofMinutes(2));

        assertEquals(List.of("+447700900003", "+447700900002", "+447700900001"),
                port.originated.subList(0, 3));
    }

    @Test
    void anAgentSpecificCallbackIsDialledOnlyForItsAgentAndBridgedToIt() {
        start(answering(1, 0, 0, 0), progressive());
        InMemoryRecords.Rec callback = records.add(TABLE, 1, "+447700900003");
        callback.callback = START.minusSeconds(60);
        callback.agentSpecific = true;
        callback.agentRef = 9L;
        dialler.login(7, Set.of(QID));

        scheduler.advance(Duration.ofMinutes(1));
        boolean dialledWithoutItsAgent = !port.originated.isEmpty();
        dialler.login(9, Set.of(QID));
        scheduler.advance(Duration.ofSeconds(8));

        assertFalse(dialledWithoutItsAgent);
        assertEquals(List.of("+447700900003"), port.originated);
        assertEquals(Dialler.endpoint(9), port.connectedTo.values().iterator().next());
        assertEquals(AgentState.WAIT, dialler.agentState(7));
        assertEquals(List.of(), port.violations);
    }

    @Test
    void previewClaimsARecordForTheAgentWhoThenDialsIt() {
        start(answering(1, 0, 0, 0),
                QueueSettings.defaults(QID, TABLE, DialMode.PREVIEW, "+441134960000"));
        InMemoryRecords.Rec rec = records.add(TABLE, 1, "+447700900001");
        dialler.login(7, Set.of(QID));
        scheduler.advance(Duration.ofSeconds(30));
        boolean dialledAlone = !port.originated.isEmpty();

        ClaimedRecord shown = dialler.next(7, QID).orElseThrow();
        AgentState previewing = dialler.agentState(7);
        dialler.dialPreview(7);
        scheduler.advance(Duration.ofSeconds(8));

        assertFalse(dialledAlone);
        assertEquals(rec.id, shown.recordId());
        assertEquals(AgentState.PREVIEW, previewing);
        assertEquals(AgentState.CALL, dialler.agentState(7));
    }

    @Test
    void aPreviewCallNobodyAnswersReturnsTheAgentToWait() {
        start(answering(0, 0, 1, 0),
                QueueSettings.defaults(QID, TABLE, DialMode.PREVIEW, "+441134960000"));
        records.add(TABLE, 1, "+447700900001");
        dialler.login(7, Set.of(QID));

        dialler.next(7, QID).orElseThrow();
        dialler.dialPreview(7);
        scheduler.advance(Duration.ofSeconds(30));

        CallResult result = records.results().get(0);
        assertEquals(Outcome.NO_ANSWER, result.outcome());
        assertEquals(AgentState.WAIT, result.agentChange().to());
        assertEquals(AgentState.WAIT, dialler.agentState(7));
    }

    @Test
    void aQueueWithoutACallerIdIsRefused() {
        start(answering(1, 0, 0, 0), progressive());
        QueueSettings noCli = QueueSettings.defaults(6, TABLE, DialMode.PROGRESSIVE, "");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> dialler.startQueue(noCli));

        assertTrue(e.getMessage().contains("callerid"), e.getMessage());
    }

    @Test
    void anAgentOnACallCannotLogOutAndTheErrorSaysWhy() {
        start(answering(1, 0, 0, 0), progressive());
        records.add(TABLE, 1, "+447700900001");
        dialler.login(7, Set.of(QID));
        scheduler.advance(Duration.ofSeconds(8));

        IllegalAgentStateException e = assertThrows(IllegalAgentStateException.class,
                () -> dialler.logout(7));

        assertEquals(AgentState.CALL, e.actual());
        assertEquals(Set.of(AgentState.WAIT, AgentState.PAUSE), e.expected());
    }

    @Test
    void aRecordWithACompleteOutcomeIsNeverDialledAgain() {
        start(answering(1, 0, 0, 0), progressive());
        InMemoryRecords.Rec rec = records.add(TABLE, 1, "+447700900001");
        dialler.login(7, Set.of(QID));
        scheduler.advance(Duration.ofSeconds(80));
        dialler.disposition(7, Disposition.of(AgentProfile.SALE), false);

        scheduler.advance(Duration.ofHours(2));

        assertEquals(List.of("+447700900001"), port.originated);
        assertEquals(InMemoryRecords.COMPLETE, rec.processType);
    }

    @Test
    void leasesOfCallsInProgressAreRenewed() {
        start(answering(1, 0, 0, 0), progressive());
        records.add(TABLE, 1, "+447700900001");
        dialler.login(7, Set.of(QID));

        scheduler.advance(Duration.ofSeconds(61));

        assertTrue(records.renewals > 0);
        assertEquals(List.of(), records.violations());
    }
}
