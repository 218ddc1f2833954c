package org.opendialler.dialler;

/**
 * Decides how many calls a queue starts now. Preview starts none (agents ask), progressive one
 * per waiting agent, predictive {@code ratio} lines per waiting agent where the ratio comes from
 * the measured answer rate, capped by {@code max_ratio}. The abandon guard slows predictive down
 * as the worse abandon meter climbs past half the target and falls back to progressive at the
 * target. Pure and thread-safe.
 */
public final class Pacing {

    private static final double SLOWDOWN_FROM = 0.5;

    private final boolean guard;

    private Pacing(boolean guard) {
        this.guard = guard;
    }

    /** Pacing with the abandon guard: what every queue uses. */
    public static Pacing guarded() {
        return new Pacing(true);
    }

    /** Pacing that ignores the meters: for showing what the guard prevents, never for use. */
    public static Pacing unguarded() {
        return new Pacing(false);
    }

    /**
     * What a queue looks like now.
     *
     * @param waiting agents waiting and free for any call
     * @param busy agents on a call or in wrap
     * @param inFlight calls dialling or ringing that no agent is reserved for
     * @param awaitingAgent answered calls that no agent has yet
     */
    public record Load(int waiting, int busy, int inFlight, int awaitingAgent) {
    }

    /**
     * How many calls to start, and whether each is sure of an agent.
     *
     * @param calls calls to start now
     * @param agentGuaranteed true when no more calls are in flight than free agents
     * @param ratio the lines per free agent used
     */
    public record Decision(int calls, boolean agentGuaranteed, double ratio) {

        static final Decision NONE = new Decision(0, true, 1);
    }

    public Decision decide(QueueSettings queue, Load load, AbandonMeter.Reading meter,
            CallStats stats) {
        int free = load.waiting() - load.awaitingAgent();
        if (queue.dialMode() == DialMode.PREVIEW || free <= 0) {
            return Decision.NONE;
        }

        double ratio = queue.dialMode() == DialMode.PREDICTIVE ? ratio(queue, meter, stats) : 1;
        if (ratio <= 1) {
            return new Decision(Math.max(0, free - load.inFlight()), true, 1);
        }

        double soonFree = load.busy() * stats.shareFreeBeforeAnswer();
        double lines = Math.min((free + soonFree) * ratio, free * queue.maxRatio());
        int calls = Math.max(0, (int) Math.floor(lines) - load.inFlight());
        return new Decision(calls, false, ratio);
    }

    /** The lines per free agent: 1 / answer rate, capped, then held back by the guard. */
    double ratio(QueueSettings queue, AbandonMeter.Reading meter, CallStats stats) {
        double raw = Math.min(queue.maxRatio(), 1 / stats.answerRate());
        if (!guard) {
            return raw;
        }
        double target = queue.abandonTarget();
        double worst = meter.worst();
        if (worst >= target) {
            return 1;
        }
        double slowFrom = target * SLOWDOWN_FROM;
        if (worst <= slowFrom) {
            return raw;
        }
        return 1 + (raw - 1) * (target - worst) / (target - slowFrom);
    }
}
