package org.opendialler.dialler;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * What agent.php and click2dial.php may do with the running engine for one centre: agents
 * driven by the API (not simulated) log in on a dialling queue, take calls, set outcomes. Every
 * method may be called from any thread; the work runs on the engine's scheduler and the method
 * returns when it is done. The caller checks that the agent belongs to the centre.
 */
public final class AgentDesk {

    private final DiallerEngine engine;
    private final long ccid;
    private final Map<Long, PendingCallback> callbacks;

    /**
     * What an agent is doing now; {@code line} and {@code tpt} only during a call, else null.
     */
    public record AgentView(long agentId, AgentState state, Long qid, Long callId, Long urn,
            Instant since, LineState line, ThirdParty tpt) {
    }

    /**
     * The third party of an agent's call: {@code state} is {@code ringing}, {@code talking} or
     * {@code held} ({@code talking} once answered, even while it is being put through).
     */
    public record ThirdParty(long callId, String ddi, String state) {
    }

    /**
     * An agent's state as an event stream tells it: a change ({@code from} set), or the state
     * an agent was in when the stream began ({@code from} null, {@code at} since when).
     *
     * @param qid the queue the agent works (the one it left, for a logout), or null
     * @param callId the call involved, or null
     * @param reason a pause reason, or why the change happened; may be null
     * @param line the line state during a call, else null
     */
    public record StateEvent(long agentId, AgentState state, AgentState from, Long qid,
            Long callId, String reason, Instant at, LineState line) {
    }

    /** What {@link #watch} answers: the states now, and what stops the listening. */
    public record Watch(List<StateEvent> now, Runnable stop) {
    }

    /** A callback set during a call, used by the call's disposition when it names none. */
    record PendingCallback(Instant at, boolean agentSpecific) {
    }

    AgentDesk(DiallerEngine engine, long ccid, Map<Long, PendingCallback> callbacks) {
        this.engine = engine;
        this.ccid = ccid;
        this.callbacks = callbacks;
    }

    /**
     * Logs the agent in on the first of {@code qids} that is dialling; the simulation leaves
     * it alone from then on. Answers the queue.
     */
    public long login(long agentId, List<Long> qids) {
        return engine.onScheduler(() -> engine.loginByApi(ccid, agentId, qids));
    }

    public AgentView view(long agentId) {
        return engine.onScheduler(() -> viewNow(agentId));
    }

    /**
     * Tells {@code listener} every state change of the centre's agents, or of {@code agentId}
     * alone when it is not null, from now on; it runs on the engine's scheduler thread and must
     * not block. Answers the states they are in now, read in the same step as the listening
     * began, so that no change is missed or told twice.
     */
    public Watch watch(Long agentId, Consumer<StateEvent> listener) {
        return engine.onScheduler(() -> {
            List<Long> agents = agentId != null ? List.of(agentId) : engine.loggedIn(ccid);
            List<StateEvent> now = new ArrayList<>();
            for (long id : agents) {
                AgentView v = viewNow(id);
                now.add(new StateEvent(id, v.state(), null, v.qid(), v.callId(), null,
                        v.since() != null ? v.since() : engine.now(), v.line()));
            }
            return new Watch(now, engine.watch(ccid, agentId, listener));
        });
    }

    private AgentView viewNow(long agentId) {
        DiallerEngine.Seated s = engine.seated(ccid, agentId);
        if (s == null) {
            return new AgentView(agentId, AgentState.LOGGED_OUT, null, null, null, null, null,
                    null);
        }
        Dialler d = s.dialler();
        AgentState state = d.agentState(agentId);
        boolean onCall = state == AgentState.CALL || state == AgentState.WRAP;
        return new AgentView(agentId, state, s.qid(),
                onCall ? d.callOf(agentId).orElse(null) : null,
                d.recordOf(agentId).map(ClaimedRecord::recordId).orElse(null),
                d.agentSince(agentId).orElse(null), d.lineOf(agentId).orElse(null),
                d.thirdPartyOf(agentId).map(AgentDesk::thirdParty).orElse(null));
    }

    private static ThirdParty thirdParty(ThirdPartyLeg tpt) {
        String state = switch (tpt.leg.state()) {
            case DIALLING, RINGING -> "ringing";
            case HELD -> "held";
            default -> "talking";
        };
        return new ThirdParty(tpt.callId, tpt.number, state);
    }

    /** From pause to wait; an agent already waiting stays so. */
    public void ready(long agentId) {
        engine.onScheduler(() -> {
            Dialler d = dialler(agentId);
            if (d.agentState(agentId) != AgentState.WAIT) {
                d.ready(agentId);
            }
            return null;
        });
    }

    public void pause(long agentId, String reason) {
        engine.onScheduler(() -> {
            dialler(agentId).pause(agentId, reason);
            return null;
        });
    }

    public void logout(long agentId) {
        engine.onScheduler(() -> {
            dialler(agentId).logout(agentId);
            return null;
        });
    }

    /**
     * agent.php's hangup: ends the agent's call, and it is in wrap when this returns; during a
     * consultation it ends the third party's leg and the agent stays with its parked customer.
     */
    public void hangUp(long agentId) {
        engine.onScheduler(() -> {
            dialler(agentId).hangUp(agentId);
            return null;
        }, () -> null);
    }

    /** Ends the agent's call whatever its line holds; it is in wrap when this returns. */
    public void endCall(long agentId) {
        engine.onScheduler(() -> {
            dialler(agentId).endCall(agentId);
            return null;
        }, () -> null);
    }

    /** Holds the agent's customer. */
    public void park(long agentId) {
        engine.onScheduler(() -> {
            dialler(agentId).park(agentId);
            return null;
        });
    }

    /** Takes the parked customer back (a third party on the line goes on hold). */
    public void unpark(long agentId) {
        engine.onScheduler(() -> {
            dialler(agentId).unpark(agentId);
            return null;
        });
    }

    /** Takes back the parked third party (the customer goes on hold). */
    public void unparkThirdParty(long agentId) {
        engine.onScheduler(() -> {
            dialler(agentId).unparkThirdParty(agentId);
            return null;
        });
    }

    /**
     * Sends the agent's customer to {@code number} (E.164): blind from talk, a consultation
     * from parked. Answers why the number may not be called (a compliance reason's wire name),
     * or null once it is being called.
     */
    public String transferToNumber(long agentId, String number) {
        return engine.onScheduler(() -> {
            DiallerEngine.Seated s = seated(agentId);
            s.dialler().requireLine(agentId, java.util.EnumSet.of(LineState.TALK,
                    LineState.PARKED), "transfer");
            Optional<org.opendialler.compliance.Reason> refused = engine.refuseThirdParty(ccid,
                    s.qid(), number);
            if (refused.isPresent()) {
                return refused.get().wire();
            }
            s.dialler().transferToNumber(agentId, number);
            return null;
        });
    }

    /** Puts the agent's customer through to the third party it consulted. */
    public void putThrough(long agentId) {
        engine.onScheduler(() -> {
            dialler(agentId).putThrough(agentId);
            return null;
        });
    }

    /**
     * Sends the agent's customer to queue {@code qid} of the centre, which must be dialling
     * here; the agent is in wrap when this returns.
     */
    public void transferToQueue(long agentId, long qid) {
        Dialler[] source = new Dialler[1];
        ActiveCall[] handed = new ActiveCall[1];
        engine.onScheduler(() -> {
            source[0] = dialler(agentId);
            if (!engine.takesCalls(ccid, qid)) {
                throw new IllegalArgumentException("Queue is not dialling");
            }
            handed[0] = source[0].handOver(agentId);
            return null;
        }, () -> engine.takeOver(ccid, source[0], handed[0], qid));
    }

    /**
     * Sets the outcome of the agent's current call (hung up first) or of its call in wrap:
     * the record, the CDR and the agent's state change are written in one transaction.
     */
    public void disposition(long agentId, Disposition disposition, boolean pauseAfter) {
        engine.onScheduler(() -> {
            Dialler d = dialler(agentId);
            if (d.agentState(agentId) == AgentState.CALL) {
                d.endCall(agentId);
            } else {
                requireWrap(d, agentId);
            }
            return null;
        }, () -> {
            Dialler d = dialler(agentId);
            requireWrap(d, agentId);
            PendingCallback cb = callbacks.remove(agentId);
            Disposition used = disposition.callback() == null && cb != null
                    ? new Disposition(disposition.outcome(), cb.at(), cb.agentSpecific(),
                            disposition.notes())
                    : disposition;
            d.disposition(agentId, used, pauseAfter);
            return null;
        });
    }

    /** The centre's outcome code {@code id} (or a system one), if it exists. */
    public Optional<Outcome> outcome(long id) {
        return CentreOutcomes.find(engine.database(), ccid, id);
    }

    /** Remembers a callback for the agent's current call, set with its disposition. */
    public void callback(long agentId, Instant at, boolean agentSpecific) {
        engine.onScheduler(() -> {
            Dialler d = dialler(agentId);
            AgentState state = d.agentState(agentId);
            if (state != AgentState.CALL && state != AgentState.WRAP) {
                throw new IllegalAgentStateException(agentId,
                        java.util.EnumSet.of(AgentState.CALL, AgentState.WRAP), state,
                        "set a callback");
            }
            callbacks.put(agentId, new PendingCallback(at, agentSpecific));
            return null;
        });
    }

    /** Preview: claims the next record of the agent's queue, if any. */
    public Optional<ClaimedRecord> next(long agentId) {
        return engine.onScheduler(() -> {
            DiallerEngine.Seated s = seated(agentId);
            return s.dialler().next(agentId, s.qid());
        });
    }

    /** Preview: dials the previewed record. */
    public long dialPreview(long agentId) {
        return engine.onScheduler(() -> dialler(agentId).dialPreview(agentId));
    }

    /**
     * Click2dial: claims {@code recordId} for the longest-waiting free agent of {@code qid} and
     * dials it for that agent.
     */
    public Click click2dial(long qid, long recordId) {
        return engine.onScheduler(() -> engine.click2dial(ccid, qid, recordId));
    }

    /** What click2dial did: the call and agent, or why nothing was dialled. */
    public record Click(Long callId, Long agentId, String refusal) {
    }

    private static void requireWrap(Dialler d, long agentId) {
        AgentState state = d.agentState(agentId);
        if (state != AgentState.WRAP) {
            throw new IllegalAgentStateException(agentId, java.util.EnumSet.of(AgentState.WRAP,
                    AgentState.CALL), state, "set an outcome");
        }
    }

    private Dialler dialler(long agentId) {
        return seated(agentId).dialler();
    }

    private DiallerEngine.Seated seated(long agentId) {
        DiallerEngine.Seated s = engine.seated(ccid, agentId);
        if (s == null) {
            throw new IllegalAgentStateException(agentId, AgentState.LOGGED_OUT.successors(),
                    AgentState.LOGGED_OUT, "act while logged out");
        }
        return s;
    }

    static Map<Long, PendingCallback> newCallbacks() {
        return new ConcurrentHashMap<>();
    }
}
