package org.opendialler.dialler;

import java.util.Map;
import java.util.Optional;
import org.opendialler.live.LiveBoard;
import org.opendialler.telephony.CallEvent;
import org.opendialler.telephony.CallListener;
import org.opendialler.telephony.OriginateRequest;
import org.opendialler.telephony.TelephonyPort;

/**
 * A telephony port that also keeps the live board's view of its calls: ringing, queued
 * (answered, no agent yet) or talking, and gone once the line is down.
 */
final class LivePort implements TelephonyPort {

    private final TelephonyPort port;
    private final long ccid;
    private final long qid;
    private final java.time.Clock clock;
    private final Map<Long, DiallerEngine.Live<LiveBoard.CallNow>> calls;

    LivePort(TelephonyPort port, long ccid, long qid, java.time.Clock clock,
            Map<Long, DiallerEngine.Live<LiveBoard.CallNow>> calls) {
        this.port = port;
        this.clock = clock;
        this.ccid = ccid;
        this.qid = qid;
        this.calls = calls;
        port.addListener(this::track);
    }

    private void track(CallEvent event) {
        DiallerEngine.Live<LiveBoard.CallNow> live = calls.get(event.callId());
        if (live == null) {
            return;
        }
        LiveBoard.CallNow c = live.value();
        switch (event.type()) {
            case ANSWERED_PERSON -> {
                // A third party is put through at once: it never waits for an agent.
                if (!Cdr.DTYPE_TPT.equals(c.dtype())) {
                    put(c, null, "queued", event);
                }
            }
            case CONNECTED -> put(c, agentOf(event.callId()), "talking", event);
            case RINGING, ANSWERED_MACHINE, HELD -> { }
            default -> calls.remove(event.callId());
        }
    }

    private void put(LiveBoard.CallNow c, Long aid, String state, CallEvent event) {
        calls.put(c.callid(), new DiallerEngine.Live<>(ccid, new LiveBoard.CallNow(c.callid(),
                c.qid(), c.ctype(), c.dtype(), c.ddi(), c.cli(), aid, state, event.at())));
    }

    private Long agentOf(long callId) {
        if (port instanceof org.opendialler.telephony.SimulatedCarrier sim) {
            return sim.agentEndpoint(callId).filter(e -> e.startsWith("agent:"))
                    .map(e -> Long.parseLong(e.substring(6))).orElse(null);
        }
        return null;
    }

    @Override
    public String name() {
        return port.name();
    }

    @Override
    public void addListener(CallListener listener) {
        port.addListener(listener);
    }

    @Override
    public void originate(OriginateRequest request) {
        ringing(request, "out");
        port.originate(request);
    }

    /** The board's row of a call this port placed, ringing from now. */
    private void ringing(OriginateRequest request, String dtype) {
        calls.put(request.callId(), new DiallerEngine.Live<>(ccid, new LiveBoard.CallNow(
                request.callId(), qid, "out", dtype, request.destination(), request.callerId(),
                null, "ringing", clock.instant())));
    }

    @Override
    public void connect(long callId, String agentEndpoint) {
        port.connect(callId, agentEndpoint);
    }

    @Override
    public void playMessageAndHangUp(long callId, String message) {
        port.playMessageAndHangUp(callId, message);
    }

    @Override
    public void hangUp(long callId) {
        port.hangUp(callId);
    }

    @Override
    public Optional<byte[]> recording(long callId) {
        return port.recording(callId);
    }

    @Override
    public void hold(long callId) {
        port.hold(callId);
    }

    @Override
    public void unhold(long callId) {
        port.unhold(callId);
    }

    @Override
    public void redirect(long callId, String agentEndpoint) {
        port.redirect(callId, agentEndpoint);
    }

    @Override
    public void originateThirdParty(OriginateRequest request, String agentEndpoint) {
        port.originateThirdParty(request, agentEndpoint);
        ringing(request, Cdr.DTYPE_TPT);
    }

    @Override
    public void bridge(long callId, long otherCallId) {
        port.bridge(callId, otherCallId);
    }
}
