package org.opendialler.dialler;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.LongPredicate;
import org.opendialler.telephony.Scheduler;

/**
 * A pool of agents simulated in the process: they log in for a shift, take what the dialler
 * gives them, wrap within the queue's wrap time, set outcomes drawn from an
 * {@link AgentProfile}, pause now and then, and log out at the end of the shift. They act
 * through the dialler's public methods, on the scheduler, like a real agent through agent.php.
 */
public final class SimulatedAgents implements AgentListener {

    private final Dialler dialler;
    private final Scheduler scheduler;
    private final AgentProfile profile;
    private final LongPredicate isMachine;
    private final SplittableRandom random;
    private final Set<Long> leaving = new HashSet<>();
    private final Set<Long> own = new HashSet<>();

    /**
     * Agents acting on {@code dialler}; {@code isMachine} tells whether a call id reached an
     * answer machine (an agent hears it and sets answer machine by agent).
     */
    public SimulatedAgents(Dialler dialler, Scheduler scheduler, AgentProfile profile,
            LongPredicate isMachine) {
        this.dialler = dialler;
        this.scheduler = scheduler;
        this.profile = profile;
        this.isMachine = isMachine;
        this.random = new SplittableRandom(profile.seed());
        dialler.addAgentListener(this);
    }

    /** Logs {@code agentIds} in on {@code qids} at {@code from} and out at {@code until}. */
    public void shift(Set<Long> agentIds, Set<Long> qids, Instant from, Instant until) {
        own.addAll(agentIds);
        for (long agentId : agentIds) {
            scheduler.schedule(from, () -> {
                if (own.contains(agentId)
                        && dialler.agentState(agentId) == AgentState.LOGGED_OUT) {
                    dialler.login(agentId, qids);
                }
            });
            scheduler.schedule(until, () -> leave(agentId));
        }
    }

    /** Stops simulating an agent: from now on something else (agent.php) drives it. */
    public void release(long agentId) {
        own.remove(agentId);
        leaving.remove(agentId);
    }

    /** Whether this pool drives the agent. */
    public boolean drives(long agentId) {
        return own.contains(agentId);
    }

    private void leave(long agentId) {
        if (!own.contains(agentId)) {
            return;
        }
        AgentState state = dialler.agentState(agentId);
        if (state == AgentState.WAIT || state == AgentState.PAUSE) {
            dialler.logout(agentId);
        } else if (state != AgentState.LOGGED_OUT) {
            leaving.add(agentId);
        }
    }

    @Override
    public void onAgentState(AgentStateChange change) {
        if (change.to() == AgentState.WRAP && own.contains(change.agentId())) {
            Duration wrap = dialler.queueOfCall(change.agentId())
                    .map(QueueSettings::wrapTime).orElse(Duration.ofSeconds(10));
            long millis = (long) (wrap.toMillis() * (0.3 + 0.7 * random.nextDouble()));
            long callId = change.callId();
            scheduler.after(Duration.ofMillis(millis), () -> setOutcome(change.agentId(),
                    callId));
        }
    }

    private void setOutcome(long agentId, long callId) {
        if (!own.contains(agentId)) {
            return;
        }
        Disposition disposition = isMachine.test(callId)
                ? Disposition.of(Outcome.ANSWER_MACHINE_AGENT) : draw(agentId);
        boolean goes = leaving.remove(agentId);
        boolean pause = goes || random.nextDouble() < profile.pauseChance();
        dialler.disposition(agentId, disposition, pause);

        if (goes) {
            dialler.logout(agentId);
        } else if (pause) {
            long pauseMillis = (long) (profile.meanPause().toMillis()
                    * -Math.log(1 - random.nextDouble()));
            scheduler.after(Duration.ofMillis(pauseMillis), () -> back(agentId));
        }
    }

    private void back(long agentId) {
        if (!own.contains(agentId)) {
            return;
        }
        if (leaving.remove(agentId)) {
            dialler.logout(agentId);
        } else if (dialler.agentState(agentId) == AgentState.PAUSE) {
            dialler.ready(agentId);
        }
    }

    private Disposition draw(long agentId) {
        Outcome outcome = pick();
        if (outcome.id() != Outcome.CALLBACK.id()) {
            return Disposition.of(outcome);
        }
        long within = profile.callbackWithin().toSeconds();
        Instant at = scheduler.clock().instant()
                .plusSeconds(3600 + (long) (random.nextDouble() * Math.max(0, within - 3600)));
        boolean specific = random.nextDouble() < profile.agentSpecificShare();
        return new Disposition(outcome, at, specific, Optional.of("callback")
                .filter(n -> specific).map(n -> "callback for agent " + agentId).orElse(null));
    }

    private Outcome pick() {
        double total = profile.mix().stream().mapToDouble(AgentProfile.Weighted::weight).sum();
        double u = random.nextDouble() * total;
        for (AgentProfile.Weighted w : profile.mix()) {
            u -= w.weight();
            if (u < 0) {
                return w.outcome();
            }
        }
        return profile.mix().get(profile.mix().size() - 1).outcome();
    }
}
