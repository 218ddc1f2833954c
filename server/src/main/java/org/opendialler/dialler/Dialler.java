package org.opendialler.dialler;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;
import org.opendialler.phone.PhoneNumbers;
import org.opendialler.telephony.CallEvent;
import org.opendialler.telephony.CallEventType;
import org.opendialler.telephony.CallLeg;
import org.opendialler.telephony.CallListener;
import org.opendialler.telephony.CallState;
import org.opendialler.telephony.OriginateRequest;
import org.opendialler.telephony.Scheduler;
import org.opendialler.telephony.TelephonyPort;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dialler loop. Every second, for each started outbound queue with agents waiting, it asks
 * {@link Pacing} how many calls to start, claims that many records, and originates them; it
 * gives an answered call to a waiting agent within two seconds or abandons it with the queue's
 * information message; and it hands each finished call to {@link CallOutcomes} as one
 * {@link CallResult}. Not thread-safe: every method, and every port event, must run on the
 * scheduler's thread ({@code scheduler.execute(...)} from elsewhere).
 */
public final class Dialler implements CallListener {

    /** The most time between a person's answer and an agent on the line (compliance.md). */
    public static final Duration CONNECT_LIMIT = Duration.ofSeconds(2);

    private static final Logger LOG = LoggerFactory.getLogger(Dialler.class);
    private static final Duration TICK = Duration.ofSeconds(1);
    private static final Duration RENEW_EVERY = Duration.ofMinutes(1);

    private final Scheduler scheduler;
    private final TelephonyPort port;
    private final RecordClaims claims;
    private final CallOutcomes outcomes;
    private final Pacing pacing;
    private final LongSupplier callIds;
    private final CallGate gate;
    private final Map<Long, QueueRun> queues = new LinkedHashMap<>();
    private final Map<Long, AgentSeat> seats = new LinkedHashMap<>();
    private final Map<Long, ActiveCall> calls = new LinkedHashMap<>();
    /** The call each customer leg's events go to, by the port's leg id. */
    private final Map<Long, ActiveCall> legs = new HashMap<>();
    private final Map<Long, ThirdPartyLeg> thirdParties = new LinkedHashMap<>();
    /** The ports this dialler hears: its own, and those of customers transferred to it. */
    private final Set<TelephonyPort> heard = Collections.newSetFromMap(new IdentityHashMap<>());
    private final List<AgentListener> listeners = new ArrayList<>();
    private boolean started;

    /** A dialler; nothing happens until {@link #start}. {@code callIds} gives unique ids. */
    public Dialler(Scheduler scheduler, TelephonyPort port, RecordClaims claims,
            CallOutcomes outcomes, Pacing pacing, LongSupplier callIds) {
        this(scheduler, port, claims, outcomes, pacing, callIds, CallGate.OPEN);
    }

    /** A dialler that asks {@code gate} before placing each call. */
    public Dialler(Scheduler scheduler, TelephonyPort port, RecordClaims claims,
            CallOutcomes outcomes, Pacing pacing, LongSupplier callIds, CallGate gate) {
        this.gate = gate;
        this.scheduler = scheduler;
        this.port = port;
        this.claims = claims;
        this.outcomes = outcomes;
        this.pacing = pacing;
        this.callIds = callIds;
    }

    /** The endpoint an agent's phone is reached at; a PBX adapter maps it to a device. */
    public static String endpoint(long agentId) {
        return "agent:" + agentId;
    }

    /** Listens to the port and starts the pacing loop. */
    public void start() {
        if (started) {
            throw new IllegalStateException("dialler already started");
        }
        started = true;
        listen(port);
        scheduler.after(TICK, this::tick);
        scheduler.after(RENEW_EVERY, this::renewLeases);
    }

    public void addAgentListener(AgentListener listener) {
        listeners.add(listener);
    }

    /** Starts dialling a queue; refused without a caller id (compliance.md). */
    public void startQueue(QueueSettings queue) {
        if (queue.callerId() == null || queue.callerId().isBlank()) {
            throw new IllegalArgumentException("Queue " + queue.qid()
                    + " has no callerid; set one before it can dial");
        }
        QueueRun run = queues.computeIfAbsent(queue.qid(), q -> new QueueRun(queue));
        run.settings = queue;
        run.active = true;
        LOG.info("Queue {} started in {} mode", queue.qid(), queue.dialMode());
    }

    /** Stops starting calls for a queue; calls in progress finish normally. */
    public void stopQueue(long qid) {
        QueueRun run = queues.get(qid);
        if (run != null && run.active) {
            run.active = false;
            LOG.info("Queue {} stopped", qid);
        }
    }

    /** The queue's abandon meters now. */
    public AbandonMeter.Reading abandonRate(long qid) {
        QueueRun run = queues.get(qid);
        if (run == null) {
            throw new IllegalArgumentException("Queue " + qid + " was never started");
        }
        return run.meter.read(now());
    }

    /**
     * Fills a started queue's abandon meters from history (calls before this start), in time
     * order; call it before the queue's first call.
     */
    public void seedMeter(long qid, Consumer<AbandonMeter> seed) {
        seed.accept(run(qid).meter);
    }

    /** How many calls are between origination and their recorded outcome. */
    public int callsInProgress() {
        return calls.size();
    }

    /** The agents logged in now. */
    public Set<Long> agentsLoggedIn() {
        return Set.copyOf(seats.keySet());
    }

    /** An agent's state; {@link AgentState#LOGGED_OUT} for one not logged in. */
    public AgentState agentState(long agentId) {
        AgentSeat seat = seats.get(agentId);
        return seat == null ? AgentState.LOGGED_OUT : seat.state;
    }

    /** The queue of an agent's current or last call, if any. */
    public Optional<QueueSettings> queueOfCall(long agentId) {
        AgentSeat seat = seats.get(agentId);
        return Optional.ofNullable(seat).map(s -> s.call).map(c -> c.queue);
    }

    /** The id of an agent's current or last call, if any. */
    public Optional<Long> callOf(long agentId) {
        AgentSeat seat = seats.get(agentId);
        return Optional.ofNullable(seat).map(s -> s.call).map(c -> c.callId);
    }

    /** The record of an agent's current or last call, or the one it previews, if any. */
    public Optional<ClaimedRecord> recordOf(long agentId) {
        AgentSeat seat = seats.get(agentId);
        if (seat == null) {
            return Optional.empty();
        }
        return seat.call != null ? Optional.of(seat.call.record) : Optional.ofNullable(
                seat.preview);
    }

    /** The line of an agent's call, while it is in {@code call}. */
    public Optional<LineState> lineOf(long agentId) {
        AgentSeat seat = seats.get(agentId);
        return seat == null || seat.state != AgentState.CALL ? Optional.empty()
                : Optional.of(seat.call.line);
    }

    /** The third party of an agent's call, while that leg lives. */
    Optional<ThirdPartyLeg> thirdPartyOf(long agentId) {
        AgentSeat seat = seats.get(agentId);
        return seat == null || seat.state != AgentState.CALL ? Optional.empty()
                : Optional.ofNullable(seat.call.tpt);
    }

    /** Since when an agent is in its state, if logged in. */
    public Optional<Instant> agentSince(long agentId) {
        return Optional.ofNullable(seats.get(agentId)).map(s -> s.since);
    }

    // ---- agent actions ----

    /**
     * Dials a record claimed by the caller for one waiting agent of {@code qid} (click2dial):
     * the call is reserved for that agent, who takes it when it is answered.
     */
    public long dialFor(long agentId, long qid, ClaimedRecord record) {
        AgentSeat seat = seat(agentId);
        if (!seat.isFreeFor(qid)) {
            throw new IllegalAgentStateException(agentId, EnumSet.of(AgentState.WAIT),
                    seat.state, "take a call of queue " + qid);
        }
        QueueRun run = run(qid);
        boolean detect = pacing.detect(run.settings, load(run.settings, 0),
                run.meter.read(now()), 1);
        ActiveCall call = place(run, record, seat, detect);
        if (call == null) {
            throw new IllegalStateException("Record " + record.recordId()
                    + " may no longer be dialled");
        }
        return call.callId;
    }

    /** Logs an agent in on {@code qids}, ready for calls. */
    public void login(long agentId, Set<Long> qids) {
        if (seats.containsKey(agentId)) {
            throw new IllegalAgentStateException(agentId, EnumSet.of(AgentState.LOGGED_OUT),
                    seats.get(agentId).state, "log in");
        }
        AgentSeat seat = new AgentSeat(agentId, qids, now());
        seats.put(agentId, seat);
        publish(seat.moveTo(AgentState.WAIT, now(), "login", null, false));
    }

    /** Back from a pause to waiting. */
    public void ready(long agentId) {
        AgentSeat seat = seat(agentId);
        seat.require(EnumSet.of(AgentState.PAUSE), "get ready");
        publish(seat.moveTo(AgentState.WAIT, now(), null, null, false));
        offerAwaitingCall(seat);
    }

    /** Pauses an agent that holds no call. */
    public void pause(long agentId, String reason) {
        AgentSeat seat = seat(agentId);
        seat.require(EnumSet.of(AgentState.WAIT), "pause");
        requireNoReservation(seat, "pause");
        publish(seat.moveTo(AgentState.PAUSE, now(), reason, null, false));
    }

    /** Logs out an agent that holds no call. */
    public void logout(long agentId) {
        AgentSeat seat = seat(agentId);
        seat.require(EnumSet.of(AgentState.WAIT, AgentState.PAUSE), "log out");
        requireNoReservation(seat, "log out");
        seats.remove(agentId);
        publish(seat.moveTo(AgentState.LOGGED_OUT, now(), "logout", null, false));
    }

    /** Preview: claims the next record of {@code qid} for the agent to look at, if any. */
    public Optional<ClaimedRecord> next(long agentId, long qid) {
        AgentSeat seat = seat(agentId);
        seat.require(EnumSet.of(AgentState.WAIT), "preview a record");
        requireNoReservation(seat, "preview a record");
        QueueRun run = run(qid);
        if (!seat.queues.contains(qid)) {
            throw new IllegalArgumentException("Agent " + agentId + " is not on queue " + qid);
        }

        List<ClaimedRecord> claimed = claims.claim(run.settings, 1, Set.of(agentId), true);
        if (claimed.isEmpty()) {
            return Optional.empty();
        }
        seat.preview = claimed.get(0);
        seat.previewQueue = qid;
        publish(seat.moveTo(AgentState.PREVIEW, now(), null, null, false));
        return Optional.of(seat.preview);
    }

    /** Preview: dials the previewed record; the agent is on the line when it is answered. */
    public long dialPreview(long agentId) {
        AgentSeat seat = seat(agentId);
        seat.require(EnumSet.of(AgentState.PREVIEW), "dial the previewed record");
        requireNoReservation(seat, "dial again");
        ClaimedRecord record = seat.preview;
        seat.preview = null;
        ActiveCall call = place(run(seat.previewQueue), record, seat, false);
        if (call == null) {
            publish(seat.moveTo(AgentState.WAIT, now(), "record no longer dialable", null,
                    false));
            throw new IllegalStateException("Record " + record.recordId()
                    + " may no longer be dialled");
        }
        return call.callId;
    }

    /** Preview: gives the previewed record back undialled. */
    public void skipPreview(long agentId) {
        AgentSeat seat = seat(agentId);
        seat.require(EnumSet.of(AgentState.PREVIEW), "skip a record");
        requireNoReservation(seat, "skip a dialled record");
        claims.release(seat.preview);
        seat.preview = null;
        publish(seat.moveTo(AgentState.WAIT, now(), "skipped", null, false));
        offerAwaitingCall(seat);
    }

    /**
     * agent.php's hangup: ends the leg the agent talks with. During a consultation that is the
     * third party's, and the agent stays with its parked customer; else the call ends (a third
     * party's leg with it) and the agent goes to wrap.
     */
    public void hangUp(long agentId) {
        AgentSeat seat = seat(agentId);
        seat.require(EnumSet.of(AgentState.CALL), "hang up");
        ActiveCall call = seat.call;
        if (call.line == LineState.CONSULT) {
            call.port.hangUp(call.tpt.callId);
            publish(seat.lineTo(LineState.PARKED, now()));
            return;
        }
        call.port.hangUp(call.legId);
    }

    /** Ends the agent's call whatever its line holds; the agent goes to wrap. */
    public void endCall(long agentId) {
        AgentSeat seat = seat(agentId);
        seat.require(EnumSet.of(AgentState.CALL), "hang up");
        seat.call.port.hangUp(seat.call.legId);
    }

    /**
     * Sets the outcome of the agent's last call, which must have ended; the record, the CDR
     * and the agent's move to wait (or pause) go to {@link CallOutcomes} together.
     */
    public void disposition(long agentId, Disposition disposition, boolean pauseAfter) {
        AgentSeat seat = seat(agentId);
        seat.require(EnumSet.of(AgentState.WRAP), "set an outcome");
        ActiveCall call = seat.call;

        AgentState next = pauseAfter ? AgentState.PAUSE : AgentState.WAIT;
        AgentStateChange change = seat.moveTo(next, now(), pauseAfter ? "after call" : null,
                call, true);
        seat.call = null;
        run(call.queue).stats.handleTime(Duration.between(call.tmConnect == null
                ? call.tmAnswer : call.tmConnect, now()));
        finish(call, disposition, true, change);

        publish(change);
        offerAwaitingCall(seat);
    }

    // ---- the line: park, consult and transfer (the table is in docs/live.md) ----

    /** Holds the customer; the agent stays on the call. */
    public void park(long agentId) {
        ActiveCall call = lineCall(agentId, EnumSet.of(LineState.TALK), "park");
        requireLeg(call.leg, CallState.CONNECTED, "The customer");

        call.port.hold(call.legId);
        publish(seat(agentId).lineTo(LineState.PARKED, now()));
    }

    /**
     * Takes the customer back. A third party the agent talks with goes on hold; one still
     * ringing cannot wait there, so the agent gives up on them.
     */
    public void unpark(long agentId) {
        ActiveCall call = lineCall(agentId, EnumSet.of(LineState.PARKED, LineState.CONSULT),
                "unpark");
        requireLeg(call.leg, CallState.HELD, "The customer");
        ThirdPartyLeg tpt = call.line == LineState.CONSULT ? call.tpt : null;
        if (tpt != null && tpt.tmAnswer != null) {
            requireLeg(tpt.leg, CallState.CONNECTED, "The third party");
        }

        LineState next = LineState.TALK;
        if (tpt != null && tpt.tmAnswer != null) {
            call.port.hold(tpt.callId);
            next = LineState.TPT_PARKED;
        } else if (tpt != null) {
            call.port.hangUp(tpt.callId);
        }
        call.port.unhold(call.legId);
        publish(seat(agentId).lineTo(next, now()));
    }

    /** Takes back the third party the agent parked; the customer goes on hold again. */
    public void unparkThirdParty(long agentId) {
        ActiveCall call = lineCall(agentId, EnumSet.of(LineState.TPT_PARKED), "unpark_tpt");
        requireLeg(call.leg, CallState.CONNECTED, "The customer");
        requireLeg(call.tpt.leg, CallState.HELD, "The third party");

        call.port.hold(call.legId);
        call.port.unhold(call.tpt.callId);
        publish(seat(agentId).lineTo(LineState.CONSULT, now()));
    }

    /** Refuses, naming both states, unless the agent's line is in one of {@code allowed}. */
    void requireLine(long agentId, Set<LineState> allowed, String action) {
        lineCall(agentId, allowed, action);
    }

    /**
     * Sends the customer to {@code number} (E.164, checked by the caller). From talk it is a
     * blind transfer: the customer waits on hold, the third party is called and put through
     * when it answers, and the agent goes to wrap at once. From parked the agent consults:
     * the third party is called from the agent's phone, the customer still parked. Answers
     * the third party's call id.
     */
    public long transferToNumber(long agentId, String number) {
        ActiveCall call = lineCall(agentId, EnumSet.of(LineState.TALK, LineState.PARKED),
                "transfer");
        boolean blind = call.line == LineState.TALK;
        if (blind) {
            requireLeg(call.leg, CallState.CONNECTED, "The customer");
            call.port.hold(call.legId);
        }

        ThirdPartyLeg tpt = new ThirdPartyLeg(callIds.getAsLong(), number, call, now(),
                blind ? null : agentId);
        OriginateRequest request = new OriginateRequest(tpt.callId, number,
                call.queue.callerId(), call.queue.ringTime(), false,
                call.queue.recordThirdParty());
        gate.legStarted(tpt.callId, call.queue, call.record, number, now());
        call.port.originateThirdParty(request, blind ? null : endpoint(agentId));
        thirdParties.put(tpt.callId, tpt);
        call.tpt = tpt;
        call.share.take();
        LOG.debug("Call {}: third party {} called", call.callId, PhoneNumbers.masked(number));

        AgentSeat seat = seat(agentId);
        if (blind) {
            handOverToThirdParty(seat, call);
        } else {
            publish(seat.lineTo(LineState.CONSULT, now()));
        }
        return tpt.callId;
    }

    /** Puts the customer through to the third party the agent consulted; the agent wraps. */
    public void putThrough(long agentId) {
        ActiveCall call = lineCall(agentId, EnumSet.of(LineState.CONSULT, LineState.TPT_PARKED),
                "transfer without qid or number");
        ThirdPartyLeg tpt = call.tpt;
        if (tpt.tmAnswer == null) {
            throw new IllegalStateException("The third party has not answered");
        }

        call.port.bridge(call.legId, tpt.callId);
        handOverToThirdParty(seat(agentId), call);
    }

    private void handOverToThirdParty(AgentSeat seat, ActiveCall call) {
        call.tpt.putThrough = true;
        call.cres = Cdr.TPT;
        leave(seat, call);
    }

    /** The agent leaves a customer whose leg goes on; the leg is one more part of the call. */
    private void leave(AgentSeat seat, ActiveCall call) {
        call.handedOver = true;
        call.tmDisconnect = now();
        call.share.take();
        publish(seat.moveTo(AgentState.WRAP, now(), "transfer", call, false));
    }

    /**
     * The first step of a transfer to a queue: the customer goes on hold and the agent to wrap.
     * {@link #takeOver} on the queue's dialler is the second, once the hold has taken effect.
     */
    ActiveCall handOver(long agentId) {
        ActiveCall call = lineCall(agentId, EnumSet.of(LineState.TALK, LineState.PARKED),
                "transfer");
        if (call.line == LineState.TALK) {
            requireLeg(call.leg, CallState.CONNECTED, "The customer");
            call.port.hold(call.legId);
        }
        leave(seat(agentId), call);
        return call;
    }

    /** The leg of a call handed over leaves this dialler; answers whether it is still live. */
    boolean detach(ActiveCall call) {
        legs.remove(call.legId, call);
        return call.leg.state().isLive();
    }

    /**
     * Queue {@code qid} takes the customer of {@code from}, on hold: the longest-waiting agent
     * gets it, or the first to become free within {@code maxWait}, after which the customer
     * hears the queue's information message. Answers the new call's id.
     */
    long takeOver(ActiveCall from, long qid, Duration maxWait) {
        QueueRun run = run(qid);
        ActiveCall call = ActiveCall.onward(callIds.getAsLong(), run.settings, from, now());
        gate.legStarted(call.callId, run.settings, call.record, call.record.number(), now());
        calls.put(call.callId, call);
        legs.put(call.legId, call);
        listen(call.port);

        AgentSeat seat = freeAgent(call);
        if (seat != null) {
            connect(call, seat, now());
        } else {
            call.connectDeadline = scheduler.after(maxWait, () -> abandon(call));
        }
        return call.callId;
    }

    /** Whether {@code qid} is a started queue of this dialler. */
    public boolean dials(long qid) {
        QueueRun run = queues.get(qid);
        return run != null && run.active;
    }

    private ActiveCall lineCall(long agentId, Set<LineState> allowed, String action) {
        AgentSeat seat = seat(agentId);
        seat.require(EnumSet.of(AgentState.CALL), action);
        ActiveCall call = seat.call;
        if (!allowed.contains(call.line)) {
            throw new IllegalLineStateException(allowed, call.line, action);
        }
        return call;
    }

    private static void requireLeg(CallLeg leg, CallState state, String who) {
        if (leg.state() != state) {
            throw new IllegalStateException(who + " is not "
                    + (state == CallState.HELD ? "on hold" : "connected") + " yet");
        }
    }

    /** A customer's leg after its agent put it through: its end ends what is left. */
    private void handedOverEvent(ActiveCall call) {
        if (call.leg.state().isLive()) {
            return;
        }
        ThirdPartyLeg tpt = call.tpt;
        if (tpt != null && tpt.isLive()) {
            call.port.hangUp(tpt.callId);
        }
        endPart(call);
    }

    private void thirdPartyEvent(ThirdPartyLeg tpt, CallEvent event) {
        tpt.leg.moveTo(event.type().next());
        switch (event.type()) {
            case ANSWERED_PERSON, ANSWERED_MACHINE -> thirdPartyAnswered(tpt, event.at());
            case RINGING, CONNECTED, HELD -> { }
            default -> thirdPartyEnded(tpt, event);
        }
    }

    private void thirdPartyAnswered(ThirdPartyLeg tpt, Instant at) {
        tpt.tmAnswer = at;
        tpt.cres = Cdr.ANSWERED;
        ActiveCall call = tpt.customer;
        if (tpt.blind && call.leg.state().isLive()) {
            call.port.bridge(call.legId, tpt.callId);
        } else if (tpt.blind) {
            call.port.hangUp(tpt.callId);
        }
    }

    private void thirdPartyEnded(ThirdPartyLeg tpt, CallEvent event) {
        tpt.tmDisconnect = event.at();
        if (tpt.cres == null) {
            tpt.cres = unansweredResult(event.type());
        }
        thirdParties.remove(tpt.callId);
        ActiveCall call = tpt.customer;
        // A leg the agent gave up on may end after the agent called another third party.
        boolean current = call.tpt == tpt;
        if (current) {
            call.tpt = null;
        }
        writeThirdParty(tpt);

        if (call.handedOver) {
            if (tpt.putThrough && call.leg.state().isLive()) {
                // Put through, or waiting for a third party who never came: nobody is left.
                call.port.hangUp(call.legId);
            }
            return;
        }
        AgentSeat seat = call.agent;
        boolean onLine = current && seat != null && seat.state == AgentState.CALL
                && seat.call == call;
        if (onLine && call.line == LineState.CONSULT) {
            publish(seat.lineTo(LineState.PARKED, now()));
        } else if (onLine && call.line == LineState.TPT_PARKED) {
            publish(seat.lineTo(LineState.TALK, now()));
        }
    }

    private static String unansweredResult(CallEventType type) {
        return switch (type) {
            case BUSY -> Cdr.BUSY;
            case DEAD_LINE -> Cdr.DEAD_LINE;
            case FAX -> Cdr.FAX;
            default -> Cdr.NO_ANSWER;
        };
    }

    private void writeThirdParty(ThirdPartyLeg tpt) {
        ActiveCall call = tpt.customer;
        Instant end = tpt.tmDisconnect;
        Duration ring = Duration.between(tpt.tmInit, tpt.tmAnswer != null ? tpt.tmAnswer : end);
        Duration talk = tpt.tmAnswer != null ? Duration.between(tpt.tmAnswer, end) : null;
        byte[] recording = call.queue.recordThirdParty() && tpt.tmAnswer != null
                ? call.port.recording(tpt.callId).orElse(null) : null;
        Cdr cdr = new Cdr(tpt.callId, call.queue.qid(), call.queue.table(),
                call.record.datasetId(), call.record.recordId(),
                tpt.putThrough ? null : tpt.agentId, tpt.number, call.queue.callerId(),
                tpt.cres, Cdr.DTYPE_TPT, call.port.name(), tpt.tmInit, tpt.tmAnswer, end, ring,
                null, null, null, recording != null, call.origQid, talk);
        CallResult.RecordWrite write = new CallResult.RecordWrite(false, false,
                call.share.drop());
        outcomes.record(new CallResult(call.record, Disposition.of(Outcome.NONE), false, cdr,
                null, false, null, recording, now(), write));
    }

    /** One part of a call ended without a CDR of its own; the last gives the record back. */
    private void endPart(ActiveCall call) {
        if (call.share.drop()) {
            claims.release(call.record);
        }
    }

    private void listen(TelephonyPort other) {
        if (heard.add(other)) {
            other.addListener(this);
        }
    }

    // ---- pacing ----

    private void tick() {
        for (QueueRun run : List.copyOf(queues.values())) {
            if (run.active && run.settings.dialMode() != DialMode.PREVIEW) {
                pace(run);
            }
        }
        scheduler.after(TICK, this::tick);
    }

    private void pace(QueueRun run) {
        QueueSettings queue = run.settings;
        Set<Long> free = seats.values().stream().filter(s -> s.isFreeFor(queue.qid()))
                .map(s -> s.agentId).collect(Collectors.toCollection(TreeSet::new));
        if (free.isEmpty()) {
            return;
        }

        Pacing.Decision decision = pacing.decide(queue, load(queue, free.size()),
                run.meter.read(now()), run.stats);
        if (decision.calls() == 0) {
            return;
        }

        List<ClaimedRecord> claimed = claims.claim(queue, decision.calls(), free,
                decision.agentGuaranteed());
        for (int i = 0; i < claimed.size(); i++) {
            placeClaimed(run, claimed.get(i), i < decision.calls(), decision.detectMachine());
        }
    }

    private Pacing.Load load(QueueSettings queue, int waiting) {
        int busy = 0;
        for (AgentSeat s : seats.values()) {
            if (s.queues.contains(queue.qid())
                    && (s.state == AgentState.CALL || s.state == AgentState.WRAP)) {
                busy++;
            }
        }
        int inFlight = 0;
        int awaiting = 0;
        for (ActiveCall c : calls.values()) {
            if (c.queue.qid() != queue.qid() || c.reserved != null) {
                continue;
            }
            CallState state = c.leg.state();
            if (state == CallState.DIALLING || state == CallState.RINGING) {
                inFlight++;
            } else if (c.isAwaitingAgent()) {
                awaiting++;
            }
        }
        return new Pacing.Load(waiting, busy, inFlight, awaiting);
    }

    private void placeClaimed(QueueRun run, ClaimedRecord record, boolean wanted,
            boolean detect) {
        if (!wanted) {
            LOG.warn("Record claims returned more records than asked; releasing {}",
                    record.recordId());
            claims.release(record);
            return;
        }
        if (record.agentSpecific() == null) {
            place(run, record, null, detect);
            return;
        }
        AgentSeat seat = seats.get(record.agentSpecific());
        if (seat == null || !seat.isFreeFor(run.settings.qid())) {
            // The claim store should not return it; never give it to another agent.
            LOG.warn("Agent-specific record {} claimed without its agent free; releasing",
                    record.recordId());
            claims.release(record);
            return;
        }
        place(run, record, seat, detect);
    }

    private ActiveCall place(QueueRun run, ClaimedRecord record, AgentSeat reserved,
            boolean detect) {
        QueueSettings queue = run.settings;
        long callId = callIds.getAsLong();
        if (!gate.admit(callId, queue, record, now())) {
            LOG.debug("Record {} no longer dialable; not placed", record.recordId());
            claims.release(record);
            return null;
        }
        ActiveCall call = new ActiveCall(callId, queue, record, now(), port);
        call.reserved = reserved;
        if (reserved != null) {
            reserved.reservedFor = call;
        }
        calls.put(call.callId, call);
        legs.put(call.legId, call);

        try {
            port.originate(new OriginateRequest(call.callId, record.number(), queue.callerId(),
                    queue.ringTime(), detect, queue.record()));
        } catch (RuntimeException e) {
            LOG.warn("Call {} to {} could not be placed", call.callId,
                    PhoneNumbers.masked(record.number()), e);
            call.tmDisconnect = now();
            finishWithoutAgent(call, Outcome.DIALLER_ERROR);
        }
        return call;
    }

    // ---- call events ----

    @Override
    public void onCallEvent(CallEvent event) {
        ActiveCall call = legs.get(event.callId());
        if (call != null) {
            customerEvent(call, event);
            return;
        }
        ThirdPartyLeg tpt = thirdParties.get(event.callId());
        if (tpt != null) {
            thirdPartyEvent(tpt, event);
        }
    }

    private void customerEvent(ActiveCall call, CallEvent event) {
        call.leg.moveTo(event.type().next());
        if (!call.leg.state().isLive()) {
            legs.remove(call.legId);
        }
        if (call.handedOver) {
            handedOverEvent(call);
            return;
        }

        switch (event.type()) {
            case RINGING, HELD -> { }
            case ANSWERED_PERSON -> answered(call, event.at());
            case ANSWERED_MACHINE -> machine(call, event.at());
            case CONNECTED -> connected(call, event.at());
            case NO_ANSWER -> unanswered(call, event.at(), Outcome.NO_ANSWER, Cdr.NO_ANSWER);
            case BUSY -> unanswered(call, event.at(), Outcome.BUSY, Cdr.BUSY);
            case DEAD_LINE -> unanswered(call, event.at(), Outcome.DEAD_LINE, Cdr.DEAD_LINE);
            case FAX -> unanswered(call, event.at(), Outcome.FAX, Cdr.FAX);
            case HUNG_UP_REMOTE, HUNG_UP_LOCAL -> hungUp(call, event.at());
        }
    }

    private void answered(ActiveCall call, Instant at) {
        QueueRun run = run(call.queue);
        call.tmAnswer = at;
        call.cres = Cdr.ANSWERED;
        run.meter.liveAnswered(at);
        run.stats.attempt(true);
        run.stats.timeToAnswer(Duration.between(call.tmInit, at));

        AgentSeat seat = call.reserved != null ? reservedAndFree(call) : freeAgent(call);
        if (seat != null) {
            connect(call, seat, at);
            return;
        }
        call.connectDeadline = scheduler.after(CONNECT_LIMIT, () -> abandon(call));
    }

    private AgentSeat reservedAndFree(ActiveCall call) {
        AgentSeat seat = call.reserved;
        boolean free = seat.reservedFor == call
                && (seat.state == AgentState.WAIT || seat.state == AgentState.PREVIEW);
        return free ? seat : null;
    }

    private AgentSeat freeAgent(ActiveCall call) {
        return seats.values().stream().filter(s -> s.isFreeFor(call.queue.qid()))
                .min(Comparator.comparing((AgentSeat s) -> s.since)).orElse(null);
    }

    private void connect(ActiveCall call, AgentSeat seat, Instant at) {
        if (call.connectDeadline != null) {
            call.connectDeadline.cancel();
        }
        seat.reservedFor = null;
        seat.call = call;
        call.agent = seat;
        publish(seat.moveTo(AgentState.CALL, at, null, call, false));
        if (call.leg.state() == CallState.HELD) {
            call.port.redirect(call.legId, endpoint(seat.agentId));
        } else {
            call.port.connect(call.legId, endpoint(seat.agentId));
        }
    }

    private void machine(ActiveCall call, Instant at) {
        QueueRun run = run(call.queue);
        call.tmAnswer = at;
        call.cres = Cdr.ANSWER_MACHINE;
        call.systemOutcome = Outcome.ANSWER_MACHINE_DIALLER;
        run.meter.machineDetected(at);
        run.stats.attempt(false);
        call.port.hangUp(call.legId);
    }

    private void connected(ActiveCall call, Instant at) {
        if (call.tmConnect != null) {
            // Back from hold: the call was connected long ago.
            return;
        }
        call.tmConnect = at;
        if (!call.isOnward()
                && Duration.between(call.tmAnswer, at).compareTo(CONNECT_LIMIT) > 0) {
            // The agent came, but too late for the person's greeting: an abandon by the rule.
            run(call.queue).meter.abandoned(at);
        }
    }

    private void unanswered(ActiveCall call, Instant at, Outcome outcome, String cres) {
        call.tmDisconnect = at;
        call.cres = cres;
        run(call.queue).stats.attempt(false);
        finishWithoutAgent(call, outcome);
    }

    private void abandon(ActiveCall call) {
        if (!call.isAwaitingAgent() || !calls.containsKey(call.callId)) {
            return;
        }
        markAbandoned(call, now());

        String message = call.queue.infoMessage();
        if (message == null || message.isBlank()) {
            LOG.warn("Queue {} has no information message to play on an abandoned call",
                    call.queue.qid());
            call.port.hangUp(call.legId);
            return;
        }
        call.infoMessage = message;
        call.port.playMessageAndHangUp(call.legId, message);
    }

    private void markAbandoned(ActiveCall call, Instant at) {
        call.abandoned = true;
        call.cres = Cdr.ABANDONED;
        call.systemOutcome = Outcome.ABANDONED;
        if (!call.isOnward()) {
            // The rule counts the dialler's own answers; a transferred customer spoke already.
            run(call.queue).meter.abandoned(at);
        }
        LOG.debug("Call {} of queue {} abandoned", call.callId, call.queue.qid());
    }

    private void hungUp(ActiveCall call, Instant at) {
        if (call.isAwaitingAgent()) {
            // The person hung up before any agent came: abandoned all the same.
            call.connectDeadline.cancel();
            markAbandoned(call, at);
        }
        call.tmDisconnect = at;
        ThirdPartyLeg tpt = call.tpt;
        if (tpt != null && tpt.isLive()) {
            // The customer has gone: the third party the agent called goes too.
            call.port.hangUp(tpt.callId);
        }

        AgentSeat seat = call.agent;
        if (seat != null) {
            publish(seat.moveTo(AgentState.WRAP, at, null, call, false));
            return;
        }
        Outcome outcome = call.systemOutcome != null ? call.systemOutcome : Outcome.DIALLER_ERROR;
        finishWithoutAgent(call, outcome);
    }

    // ---- finishing ----

    private void finishWithoutAgent(ActiveCall call, Outcome outcome) {
        AgentSeat seat = call.reserved;
        AgentStateChange change = null;
        if (seat != null && seat.reservedFor == call) {
            seat.reservedFor = null;
            if (seat.state == AgentState.PREVIEW) {
                change = seat.moveTo(AgentState.WAIT, now(), "no connection", call, true);
            }
        }
        finish(call, Disposition.of(outcome), false, change);

        if (change != null) {
            publish(change);
        }
        if (seat != null) {
            offerAwaitingCall(seat);
        }
    }

    private void finish(ActiveCall call, Disposition disposition, boolean byAgent,
            AgentStateChange change) {
        calls.remove(call.callId);
        if (!call.handedOver) {
            legs.remove(call.legId, call);
        }
        Instant at = now();
        byte[] recording = call.queue.record() && call.tmConnect != null && !call.isOnward()
                ? call.port.recording(call.legId).orElse(null) : null;
        Cdr cdr = cdr(call, at, recording != null);

        // A transferred customer's record keeps its first agent's outcome unless another agent
        // sets one, and counts one attempt however many queues the customer went through.
        CallResult.RecordWrite write = new CallResult.RecordWrite(byAgent || !call.isOnward(),
                !call.isOnward(), call.share.drop());
        outcomes.record(new CallResult(call.record, disposition, byAgent, cdr, change,
                call.abandoned, call.infoMessage, recording, at, write));
    }

    private Cdr cdr(ActiveCall call, Instant at, boolean recorded) {
        Instant end = call.tmDisconnect != null ? call.tmDisconnect : at;
        Instant ringEnd = call.tmAnswer != null ? call.tmAnswer : end;
        Duration queued = call.tmAnswer != null && call.tmConnect != null
                ? Duration.between(call.tmAnswer, call.tmConnect)
                : call.isOnward() ? Duration.between(call.tmAnswer, end) : null;
        Duration talk = call.tmConnect != null ? Duration.between(call.tmConnect, end) : null;
        Duration wrap = call.agent != null ? Duration.between(end, at) : null;
        Long agentId = call.agent != null ? call.agent.agentId : null;
        return new Cdr(call.callId, call.queue.qid(), call.queue.table(),
                call.record.datasetId(), call.record.recordId(), agentId, call.record.number(),
                call.queue.callerId(), call.cres == null ? Cdr.NO_ANSWER : call.cres, call.dtype,
                call.port.name(), call.tmInit, call.tmAnswer, end,
                Duration.between(call.tmInit, ringEnd), queued, talk, wrap, recorded,
                call.origQid, null);
    }

    private void offerAwaitingCall(AgentSeat seat) {
        if (seat.state != AgentState.WAIT) {
            return;
        }
        Optional<ActiveCall> next = seat.reservedFor != null
                ? Optional.of(seat.reservedFor).filter(ActiveCall::isAwaitingAgent)
                : calls.values().stream()
                        .filter(c -> c.reserved == null && c.isAwaitingAgent()
                                && seat.queues.contains(c.queue.qid()))
                        .min(Comparator.comparing((ActiveCall c) -> c.tmAnswer));
        next.ifPresent(c -> connect(c, seat, now()));
    }

    private void renewLeases() {
        List<ClaimedRecord> held = new ArrayList<>();
        calls.values().forEach(c -> held.add(c.record));
        thirdParties.values().forEach(t -> held.add(t.customer.record));
        seats.values().stream().filter(s -> s.preview != null).forEach(s -> held.add(s.preview));
        if (!held.isEmpty()) {
            claims.renew(held);
        }
        scheduler.after(RENEW_EVERY, this::renewLeases);
    }

    // ---- helpers ----

    private void publish(AgentStateChange change) {
        for (AgentListener listener : List.copyOf(listeners)) {
            listener.onAgentState(change);
        }
    }

    private AgentSeat seat(long agentId) {
        AgentSeat seat = seats.get(agentId);
        if (seat == null) {
            throw new IllegalAgentStateException(agentId, AgentState.LOGGED_OUT.successors(),
                    AgentState.LOGGED_OUT, "act while logged out");
        }
        return seat;
    }

    private static void requireNoReservation(AgentSeat seat, String action) {
        if (seat.reservedFor != null) {
            throw new IllegalStateException("Agent " + seat.agentId + " cannot " + action
                    + ": call " + seat.reservedFor.callId + " is being placed for it");
        }
    }

    private QueueRun run(long qid) {
        QueueRun run = queues.get(qid);
        if (run == null || !run.active) {
            throw new IllegalArgumentException("Queue " + qid + " is not started");
        }
        return run;
    }

    private QueueRun run(QueueSettings queue) {
        // A stopped queue's calls still finish and count on its meter.
        return queues.get(queue.qid());
    }

    private Instant now() {
        return scheduler.clock().instant();
    }

    /** A started queue with its meter and statistics. */
    private static final class QueueRun {

        final AbandonMeter meter;
        final CallStats stats = new CallStats();
        QueueSettings settings;
        boolean active;

        QueueRun(QueueSettings settings) {
            this.settings = settings;
            this.meter = new AbandonMeter(settings.amdFalsePositiveEstimate());
        }
    }
}
