package org.opendialler.telephony;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SimulatedCarrierTest {

    private static final Instant START = Instant.parse("2024-03-04T09:00:00Z");
    private static final Duration RING = Duration.ofSeconds(15);

    private final DiscreteEventScheduler scheduler = new DiscreteEventScheduler(START, e -> {
        throw e;
    });
    private final List<CallEvent> events = new ArrayList<>();

    private SimulatedCarrier carrier(CarrierProfile profile) {
        SimulatedCarrier carrier = new SimulatedCarrier(profile, scheduler);
        carrier.addListener(events::add);
        return carrier;
    }

    private static OriginateRequest call(long id, boolean amd, boolean record) {
        return new OriginateRequest(id, "+447700900" + String.format("%03d", id % 1000),
                "+441134960000", RING, amd, record);
    }

    @Test
    void theSameSeedPlaysTheSameCallsAndAnotherSeedOthers() {
        List<CallEvent> first = run(CarrierProfile.typical(42));
        List<CallEvent> again = run(CarrierProfile.typical(42));
        List<CallEvent> other = run(CarrierProfile.typical(43));

        assertEquals(first, again);
        assertNotEquals(first, other);
    }

    private static List<CallEvent> run(CarrierProfile profile) {
        DiscreteEventScheduler scheduler = new DiscreteEventScheduler(START);
        SimulatedCarrier carrier = new SimulatedCarrier(profile, scheduler);
        List<CallEvent> seen = new ArrayList<>();
        carrier.addListener(seen::add);
        for (int i = 1; i <= 200; i++) {
            carrier.originate(call(i, true, false));
        }
        scheduler.advance(Duration.ofMinutes(10));
        return seen;
    }

    @Test
    void outcomesFollowTheProfileWeightsWithLongRingsBecomingNoAnswers() {
        SimulatedCarrier carrier = carrier(CarrierProfile.typical(7).withDetection(0, 0));
        int calls = 20_000;

        for (int i = 1; i <= calls; i++) {
            carrier.originate(call(i, false, false));
        }
        scheduler.advance(Duration.ofMinutes(1));

        // Rings are 3 s plus an exponential of mean 6 s, so e^-2 of answers ring past 15 s.
        double late = Math.exp(-2);
        Map<CallEventType, Double> share = firstOutcomeShares(calls);
        assertEquals(0.10, share.get(CallEventType.BUSY), 0.01);
        assertEquals(0.07, share.get(CallEventType.DEAD_LINE), 0.01);
        assertEquals(0.03 * (1 - late), share.get(CallEventType.FAX), 0.01);
        assertEquals(0.50 * (1 - late), share.get(CallEventType.ANSWERED_PERSON), 0.015);
        assertEquals(0.30 + 0.53 * late, share.get(CallEventType.NO_ANSWER), 0.015);
    }

    private Map<CallEventType, Double> firstOutcomeShares(int calls) {
        Map<CallEventType, Double> share = new EnumMap<>(CallEventType.class);
        for (CallEventType t : CallEventType.values()) {
            share.put(t, 0.0);
        }
        for (CallEvent e : events) {
            if (e.type() != CallEventType.RINGING && e.type() != CallEventType.HUNG_UP_REMOTE) {
                share.merge(e.type(), 1.0 / calls, Double::sum);
            }
        }
        return share;
    }

    @Test
    void detectionMistakesPeopleForMachinesAtTheFalsePositiveRate() {
        CarrierProfile people = CarrierProfile.typical(3).withWeights(1, 0, 0, 0, 0, 0)
                .withDetection(0.2, 0);
        SimulatedCarrier carrier = carrier(people);
        int calls = 10_000;

        for (int i = 1; i <= calls; i++) {
            carrier.originate(call(i, true, false));
        }
        scheduler.advance(Duration.ofSeconds(17));

        long machines = count(CallEventType.ANSWERED_MACHINE);
        long persons = count(CallEventType.ANSWERED_PERSON);
        assertEquals(0.2, machines / (double) (machines + persons), 0.015);
    }

    @Test
    void detectionMissesMachinesAtTheFalseNegativeRate() {
        CarrierProfile machines = CarrierProfile.typical(4).withWeights(0, 1, 0, 0, 0, 0)
                .withDetection(0, 0.1);
        SimulatedCarrier carrier = carrier(machines);
        int calls = 10_000;

        for (int i = 1; i <= calls; i++) {
            carrier.originate(call(i, true, false));
        }
        scheduler.advance(Duration.ofSeconds(17));

        long detected = count(CallEventType.ANSWERED_MACHINE);
        long missed = count(CallEventType.ANSWERED_PERSON);
        assertEquals(0.1, missed / (double) (detected + missed), 0.015);
    }

    @Test
    void withoutDetectionEveryAnswerIsReportedAsAPerson() {
        CarrierProfile machines = CarrierProfile.typical(5).withWeights(0, 1, 0, 0, 0, 0);
        SimulatedCarrier carrier = carrier(machines);

        for (int i = 1; i <= 500; i++) {
            carrier.originate(call(i, false, false));
        }
        scheduler.advance(Duration.ofSeconds(17));

        assertEquals(0, count(CallEventType.ANSWERED_MACHINE));
        assertTrue(count(CallEventType.ANSWERED_PERSON) > 0);
    }

    @Test
    void aCallNobodyAnswersEndsNoSoonerThanItsRingTime() {
        SimulatedCarrier carrier = carrier(CarrierProfile.typical(1).withWeights(0, 0, 1, 0, 0,
                0));

        carrier.originate(call(1, false, false));
        scheduler.advance(Duration.ofMinutes(1));

        CallEvent last = events.get(events.size() - 1);
        assertEquals(CallEventType.NO_ANSWER, last.type());
        assertFalse(last.at().isBefore(START.plus(RING)));
    }

    @Test
    void aConnectedRecordedCallEndsWithTheCustomerAndLeavesAWav() {
        SimulatedCarrier carrier = carrier(peopleAnswering());
        carrier.originate(call(1, false, true));
        scheduler.advance(Duration.ofSeconds(7));

        carrier.connect(1, "agent:5");
        scheduler.advance(Duration.ofHours(1));

        assertEquals(List.of(CallEventType.RINGING, CallEventType.ANSWERED_PERSON,
                CallEventType.CONNECTED, CallEventType.HUNG_UP_REMOTE), types());
        byte[] wav = carrier.recording(1).orElseThrow();
        assertEquals("RIFF", new String(wav, 0, 4, java.nio.charset.StandardCharsets.US_ASCII));
        assertEquals("agent:5", carrier.agentEndpoint(1).orElseThrow());
    }

    @Test
    void anUnrecordedCallHasNoRecording() {
        SimulatedCarrier carrier = carrier(peopleAnswering());
        carrier.originate(call(1, false, false));
        scheduler.advance(Duration.ofSeconds(7));

        carrier.connect(1, "agent:5");
        scheduler.advance(Duration.ofHours(1));

        assertTrue(carrier.recording(1).isEmpty());
    }

    @Test
    void aPersonLeftInSilenceHangsUp() {
        SimulatedCarrier carrier = carrier(peopleAnswering());

        carrier.originate(call(1, false, false));
        scheduler.advance(Duration.ofMinutes(1));

        assertEquals(List.of(CallEventType.RINGING, CallEventType.ANSWERED_PERSON,
                CallEventType.HUNG_UP_REMOTE), types());
    }

    @Test
    void theInformationMessageIsPlayedThenTheDiallerHangsUp() {
        SimulatedCarrier carrier = carrier(peopleAnswering());
        carrier.originate(call(1, false, false));
        scheduler.advance(Duration.ofSeconds(7));

        carrier.playMessageAndHangUp(1, "abandon-info.wav");
        scheduler.advance(Duration.ofMinutes(1));

        assertEquals(List.of("abandon-info.wav"), carrier.messagesPlayed(1));
        assertEquals(CallEventType.HUNG_UP_LOCAL, types().get(types().size() - 1));
    }

    @Test
    void hangingUpWhileRingingEndsTheCallAndNothingFollows() {
        SimulatedCarrier carrier = carrier(peopleAnswering());
        carrier.originate(call(1, false, false));
        scheduler.advance(Duration.ofSeconds(2));

        carrier.hangUp(1);
        scheduler.advance(Duration.ofMinutes(5));

        assertEquals(List.of(CallEventType.RINGING, CallEventType.HUNG_UP_LOCAL), types());
    }

    @Test
    void connectingACallThatIsStillRingingIsRefused() {
        SimulatedCarrier carrier = carrier(peopleAnswering());
        carrier.originate(call(1, false, false));
        scheduler.advance(Duration.ofSeconds(1));

        IllegalCallStateException e = assertThrows(IllegalCallStateException.class,
                () -> carrier.connect(1, "agent:1"));

        assertEquals(CallState.RINGING, e.actual());
    }

    @Test
    void aSecondCallWithTheSameIdIsRefused() {
        SimulatedCarrier carrier = carrier(peopleAnswering());
        carrier.originate(call(1, false, false));

        assertThrows(IllegalArgumentException.class,
                () -> carrier.originate(call(1, false, false)));
    }

    @Test
    void aCallBridgedAsSoonAsItIsAnsweredTalksPastThePersonsPatience() {
        SimulatedCarrier carrier = carrier(peopleAnswering());
        carrier.addListener(e -> {
            if (e.type() == CallEventType.ANSWERED_PERSON) {
                carrier.connect(e.callId(), "agent:5");
            }
        });

        carrier.originate(call(1, false, false));
        scheduler.advance(Duration.ofSeconds(30));

        assertEquals(List.of(CallEventType.RINGING, CallEventType.ANSWERED_PERSON,
                CallEventType.CONNECTED), types());
    }

    @Test
    void aHeldCallWaitsThenGoesOnWithTheRestOfItsConversation() {
        SimulatedCarrier carrier = carrier(peopleAnswering());
        carrier.originate(call(1, false, false));
        scheduler.advance(Duration.ofSeconds(7));
        carrier.connect(1, "agent:5");
        scheduler.advance(Duration.ofSeconds(10));

        carrier.hold(1);
        scheduler.advance(Duration.ofMinutes(4));
        List<CallEventType> held = types();
        carrier.unhold(1);
        scheduler.advance(Duration.ofSeconds(49));
        List<CallEventType> back = types();
        scheduler.advance(Duration.ofSeconds(2));

        List<CallEventType> connected = List.of(CallEventType.RINGING,
                CallEventType.ANSWERED_PERSON, CallEventType.CONNECTED);
        assertEquals(concat(connected, CallEventType.HELD), held);
        assertEquals(concat(held, CallEventType.CONNECTED), back);
        assertEquals(concat(back, CallEventType.HUNG_UP_REMOTE), types());
    }

    @Test
    void aPersonLeftOnHoldTooLongHangsUp() {
        SimulatedCarrier carrier = carrier(peopleAnswering());
        carrier.originate(call(1, false, false));
        scheduler.advance(Duration.ofSeconds(7));
        carrier.connect(1, "agent:5");
        scheduler.advance(Duration.ofSeconds(1));

        carrier.hold(1);
        scheduler.advance(SimulatedCarrier.HOLD_PATIENCE.plusSeconds(1));

        assertEquals(List.of(CallEventType.RINGING, CallEventType.ANSWERED_PERSON,
                CallEventType.CONNECTED, CallEventType.HELD, CallEventType.HUNG_UP_REMOTE),
                types());
    }

    @Test
    void aThirdPartyCalledFromAnAgentIsBridgedToItOnAnswer() {
        SimulatedCarrier carrier = carrier(peopleAnswering());

        carrier.originateThirdParty(call(2, false, false), "agent:5");
        scheduler.advance(Duration.ofSeconds(30));

        assertEquals(List.of(CallEventType.RINGING, CallEventType.ANSWERED_PERSON,
                CallEventType.CONNECTED), types());
        assertEquals("agent:5", carrier.agentEndpoint(2).orElseThrow());
    }

    @Test
    void aBridgeJoinsAHeldCustomerToAThirdPartyWhoseHangUpEndsOnlyTheirLeg() {
        SimulatedCarrier carrier = carrier(peopleAnswering());
        carrier.originate(call(1, false, false));
        scheduler.advance(Duration.ofSeconds(7));
        carrier.connect(1, "agent:5");
        scheduler.advance(Duration.ofSeconds(1));
        carrier.hold(1);
        carrier.addListener(e -> {
            if (e.callId() == 2 && e.type() == CallEventType.ANSWERED_PERSON) {
                carrier.bridge(1, 2);
            }
        });

        carrier.originateThirdParty(call(2, false, false), null);
        scheduler.advance(Duration.ofMinutes(3));

        assertEquals(List.of(CallEventType.RINGING, CallEventType.ANSWERED_PERSON,
                CallEventType.CONNECTED, CallEventType.HUNG_UP_REMOTE), typesOf(2));
        assertEquals(List.of(CallEventType.RINGING, CallEventType.ANSWERED_PERSON,
                CallEventType.CONNECTED, CallEventType.HELD, CallEventType.CONNECTED),
                typesOf(1));
        assertEquals("call:2", carrier.agentEndpoint(1).orElseThrow());
    }

    private static List<CallEventType> concat(List<CallEventType> list, CallEventType next) {
        List<CallEventType> all = new ArrayList<>(list);
        all.add(next);
        return all;
    }

    private List<CallEventType> typesOf(long callId) {
        return events.stream().filter(e -> e.callId() == callId).map(CallEvent::type).toList();
    }

    private static CarrierProfile peopleAnswering() {
        return new CarrierProfile(1, 0, 0, 0, 0, 0, Duration.ofSeconds(5),
                Duration.ofSeconds(5), Duration.ofSeconds(60), Duration.ofSeconds(60), 0, 0,
                Duration.ofSeconds(6), 1);
    }

    private long count(CallEventType type) {
        return events.stream().filter(e -> e.type() == type).count();
    }

    private List<CallEventType> types() {
        return events.stream().map(CallEvent::type).toList();
    }
}
