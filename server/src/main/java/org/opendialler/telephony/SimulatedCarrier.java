package org.opendialler.telephony;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import org.opendialler.phone.PhoneNumbers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default port: a carrier simulated in the process, drawing each call's fate from a
 * {@link CarrierProfile} with a seeded random source, and playing it out on a
 * {@link Scheduler}. With the same seed and the same requests, the same events follow. Not
 * thread-safe: call it on the scheduler's thread.
 */
public final class SimulatedCarrier implements TelephonyPort {

    /** What is really at the other end of a call, whatever detection says. */
    public enum Truth { PERSON, MACHINE, NO_ANSWER, BUSY, DEAD_LINE, FAX }

    private static final Logger LOG = LoggerFactory.getLogger(SimulatedCarrier.class);
    private static final Duration POST_DIAL_DELAY = Duration.ofSeconds(1);
    private static final Duration BUSY_DELAY = Duration.ofSeconds(2);
    private static final Duration BRIDGE_DELAY = Duration.ofMillis(300);
    private static final Duration MESSAGE_LENGTH = Duration.ofSeconds(5);
    private static final Duration MACHINE_GREETING = Duration.ofSeconds(12);
    private static final Duration MACHINE_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration RECORDING_LENGTH = Duration.ofMillis(300);
    /** How long a person waits on hold before hanging up. */
    static final Duration HOLD_PATIENCE = Duration.ofMinutes(5);

    private final CarrierProfile profile;
    private final Scheduler scheduler;
    private final SplittableRandom random;
    private final List<CallListener> listeners = new ArrayList<>();
    private final Map<Long, SimCall> calls = new HashMap<>();

    public SimulatedCarrier(CarrierProfile profile, Scheduler scheduler) {
        this.profile = profile;
        this.scheduler = scheduler;
        this.random = new SplittableRandom(profile.seed());
    }

    @Override
    public String name() {
        return "simulated";
    }

    @Override
    public void addListener(CallListener listener) {
        listeners.add(listener);
    }

    @Override
    public void originate(OriginateRequest request) {
        if (calls.containsKey(request.callId())) {
            throw new IllegalArgumentException("call id in use: " + request.callId());
        }
        SimCall call = new SimCall(request, drawTruth());
        calls.put(request.callId(), call);
        LOG.debug("Originate call {} to {}", request.callId(),
                PhoneNumbers.masked(request.destination()));

        switch (call.truth) {
            case BUSY -> later(call, BUSY_DELAY, CallEventType.BUSY);
            case DEAD_LINE -> later(call, POST_DIAL_DELAY, CallEventType.DEAD_LINE);
            default -> ring(call);
        }
    }

    private void ring(SimCall call) {
        later(call, POST_DIAL_DELAY, CallEventType.RINGING);

        Duration ring = draw(profile.minRing(), profile.meanRing());
        Duration limit = call.request.ringTime();
        if (call.truth == Truth.NO_ANSWER || ring.compareTo(limit) > 0) {
            call.pending = scheduler.after(POST_DIAL_DELAY.plus(limit),
                    () -> emit(call, CallEventType.NO_ANSWER));
            return;
        }
        call.pending = scheduler.after(POST_DIAL_DELAY.plus(ring), () -> answer(call));
    }

    private void answer(SimCall call) {
        if (call.truth == Truth.FAX) {
            emit(call, CallEventType.FAX);
            return;
        }
        boolean detected = call.request.detectMachine() && detectedAsMachine(call.truth);

        // Set before the answer is told: a listener that bridges the call at once cancels it.
        Duration untilGone = call.truth == Truth.PERSON ? profile.patience() : MACHINE_TIMEOUT;
        call.pending = scheduler.after(untilGone,
                () -> emit(call, CallEventType.HUNG_UP_REMOTE));
        emit(call, detected ? CallEventType.ANSWERED_MACHINE : CallEventType.ANSWERED_PERSON);

        if (call.bridgeTo != null && call.leg.state() == CallState.ANSWERED) {
            connect(call.request.callId(), call.bridgeTo);
        }
    }

    private boolean detectedAsMachine(Truth truth) {
        double u = random.nextDouble();
        return truth == Truth.PERSON ? u < profile.amdFalsePositive()
                : u >= profile.amdFalseNegative();
    }

    @Override
    public void connect(long callId, String agentEndpoint) {
        SimCall call = live(callId);
        call.leg.require(Set.of(CallState.ANSWERED, CallState.MACHINE), "connect");
        bridgeAfterDelay(call, agentEndpoint);
    }

    private void bridgeAfterDelay(SimCall call, String endpoint) {
        call.cancelPending();
        call.agentEndpoint = endpoint;

        Duration talk = conversation(call);
        call.pending = scheduler.after(BRIDGE_DELAY, () -> {
            emit(call, CallEventType.CONNECTED);
            talk(call, talk);
        });
    }

    private Duration conversation(SimCall call) {
        return call.truth == Truth.PERSON ? draw(profile.minTalk(), profile.meanTalk())
                : MACHINE_GREETING;
    }

    /** The far end talks for {@code length}, then hangs up. */
    private void talk(SimCall call, Duration length) {
        call.talkEnds = scheduler.clock().instant().plus(length);
        call.pending = scheduler.after(length, () -> emit(call, CallEventType.HUNG_UP_REMOTE));
    }

    /** The conversation pauses on hold; the person gives up after {@link #HOLD_PATIENCE}. */
    @Override
    public void hold(long callId) {
        SimCall call = live(callId);
        call.leg.require(Set.of(CallState.CONNECTED), "hold");
        call.cancelPending();
        Duration left = call.talkEnds == null ? Duration.ZERO
                : Duration.between(scheduler.clock().instant(), call.talkEnds);
        call.talkLeft = left.isNegative() ? Duration.ZERO : left;

        call.pending = scheduler.execute(() -> {
            emit(call, CallEventType.HELD);
            call.pending = scheduler.after(HOLD_PATIENCE,
                    () -> emit(call, CallEventType.HUNG_UP_REMOTE));
        });
    }

    /** The conversation goes on where it paused. */
    @Override
    public void unhold(long callId) {
        SimCall call = live(callId);
        call.leg.require(Set.of(CallState.HELD), "take off hold");
        call.cancelPending();

        call.pending = scheduler.execute(() -> {
            emit(call, CallEventType.CONNECTED);
            talk(call, call.talkLeft);
        });
    }

    /** A new conversation with another agent. */
    @Override
    public void redirect(long callId, String agentEndpoint) {
        SimCall call = live(callId);
        call.leg.require(Set.of(CallState.HELD), "redirect");
        bridgeAfterDelay(call, agentEndpoint);
    }

    /** The third party is drawn from the profile like any called number. */
    @Override
    public void originateThirdParty(OriginateRequest request, String agentEndpoint) {
        originate(request);
        calls.get(request.callId()).bridgeTo = agentEndpoint;
    }

    /**
     * The two talk for a conversation drawn for {@code otherCallId}, whose end then hangs up;
     * ending the other leg is the caller's business, as with a real bridge.
     */
    @Override
    public void bridge(long callId, long otherCallId) {
        SimCall one = live(callId);
        SimCall other = live(otherCallId);
        Set<CallState> bridgeable = Set.of(CallState.ANSWERED, CallState.MACHINE,
                CallState.CONNECTED, CallState.HELD);
        one.leg.require(bridgeable, "bridge");
        other.leg.require(bridgeable, "bridge");
        one.cancelPending();
        other.cancelPending();
        one.agentEndpoint = "call:" + otherCallId;
        other.agentEndpoint = "call:" + callId;

        Duration talk = conversation(other);
        one.pending = scheduler.execute(() -> {
            connectedIfNot(one);
            connectedIfNot(other);
            talk(other, talk);
        });
    }

    private void connectedIfNot(SimCall call) {
        if (call.leg.state() != CallState.CONNECTED) {
            emit(call, CallEventType.CONNECTED);
        }
    }

    @Override
    public void playMessageAndHangUp(long callId, String message) {
        SimCall call = live(callId);
        call.leg.require(Set.of(CallState.ANSWERED, CallState.MACHINE, CallState.CONNECTED,
                CallState.HELD), "play a message");
        call.cancelPending();
        call.messages.add(message);
        call.pending = scheduler.after(MESSAGE_LENGTH,
                () -> emit(call, CallEventType.HUNG_UP_LOCAL));
    }

    @Override
    public void hangUp(long callId) {
        SimCall call = calls.get(callId);
        if (call == null || !call.leg.state().isLive()) {
            return;
        }
        call.cancelPending();
        call.pending = scheduler.execute(() -> emit(call, CallEventType.HUNG_UP_LOCAL));
    }

    @Override
    public Optional<byte[]> recording(long callId) {
        return Optional.ofNullable(calls.get(callId)).map(c -> c.recording);
    }

    /** What really answered a call, for simulated agents that hear it; empty if unknown. */
    public Optional<Truth> truth(long callId) {
        return Optional.ofNullable(calls.get(callId)).map(c -> c.truth);
    }

    /** The messages played to a call, in order. */
    public List<String> messagesPlayed(long callId) {
        SimCall call = calls.get(callId);
        return call == null ? List.of() : List.copyOf(call.messages);
    }

    /** The agent endpoint a call was bridged to, if any. */
    public Optional<String> agentEndpoint(long callId) {
        return Optional.ofNullable(calls.get(callId)).map(c -> c.agentEndpoint);
    }

    private SimCall live(long callId) {
        SimCall call = calls.get(callId);
        if (call == null) {
            throw new IllegalArgumentException("no such call: " + callId);
        }
        return call;
    }

    private void later(SimCall call, Duration delay, CallEventType type) {
        call.pending = scheduler.after(delay, () -> emit(call, type));
    }

    private void emit(SimCall call, CallEventType type) {
        // A timer may fire after our side ended the call; the call's state then wins.
        if (!call.leg.state().canMoveTo(type.next())) {
            return;
        }
        boolean wasAnswered = call.leg.state() != CallState.DIALLING
                && call.leg.state() != CallState.RINGING;
        call.leg.moveTo(type.next());
        if (type.next() == CallState.ENDED && wasAnswered && call.request.record()) {
            call.recording = WavTone.tone(RECORDING_LENGTH, 440, 8000);
        }

        CallEvent event = new CallEvent(call.request.callId(), type, scheduler.clock().instant());
        for (CallListener listener : List.copyOf(listeners)) {
            listener.onCallEvent(event);
        }
    }

    private Truth drawTruth() {
        double total = profile.person() + profile.machine() + profile.noAnswer()
                + profile.busy() + profile.deadLine() + profile.fax();
        double u = random.nextDouble() * total;
        double[] weights = {profile.person(), profile.machine(), profile.noAnswer(),
            profile.busy(), profile.deadLine(), profile.fax()};
        for (int i = 0; i < weights.length; i++) {
            u -= weights[i];
            if (u < 0) {
                return Truth.values()[i];
            }
        }
        return Truth.FAX;
    }

    private Duration draw(Duration min, Duration mean) {
        double tailMillis = (mean.toMillis() - min.toMillis())
                * -Math.log(1 - random.nextDouble());
        return min.plusMillis(Math.round(tailMillis));
    }

    private static final class SimCall {

        private final OriginateRequest request;
        private final Truth truth;
        private final CallLeg leg;
        private final List<String> messages = new ArrayList<>();
        private Scheduler.Timer pending;
        private String agentEndpoint;
        /** A third party's agent: the leg is bridged to it on answer. */
        private String bridgeTo;
        private Instant talkEnds;
        private Duration talkLeft = Duration.ZERO;
        private byte[] recording;

        SimCall(OriginateRequest request, Truth truth) {
            this.request = request;
            this.truth = truth;
            this.leg = new CallLeg(request.callId());
        }

        void cancelPending() {
            if (pending != null) {
                pending.cancel();
                pending = null;
            }
        }
    }
}
