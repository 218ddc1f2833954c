package org.opendialler.dialler;

/**
 * Decides how many calls a queue starts now, and whether they use answer machine detection.
 * Preview starts none (agents ask), progressive one per waiting agent, predictive {@code ratio}
 * lines per waiting agent where the ratio comes from the measured answer rate, capped by
 * {@code max_ratio}. The abandon guard slows predictive down as the worse abandon meter climbs
 * past half the target, and never starts more calls than free agents beyond what the meters
 * can take as abandons (the headroom, less one kept in hand) while staying at or under the
 * target: with no headroom it falls back to progressive. Detection is used only while the
 * headroom can take the false-positive estimate of every call it would classify. Pure and
 * thread-safe.
 */
public final class Pacing {

    private static final double SLOWDOWN_FROM = 0.5;

    /**
     * Abandons the headroom keeps in hand: an agent who pauses or logs out while calls are in
     * flight can leave one of them without an agent.
     */
    private static final double IN_HAND = 1;

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
     * How many calls to start, and how.
     *
     * @param calls calls to start now
     * @param agentGuaranteed true when no more calls are in flight than free agents
     * @param ratio the lines per free agent used
     * @param detectMachine whether the calls use answer machine detection
     */
    public record Decision(int calls, boolean agentGuaranteed, double ratio,
            boolean detectMachine) {

        static final Decision NONE = new Decision(0, true, 1, false);
    }

    public Decision decide(QueueSettings queue, Load load, AbandonMeter.Reading meter,
            CallStats stats) {
        int free = load.waiting() - load.awaitingAgent();
        if (queue.dialMode() == DialMode.PREVIEW || free <= 0) {
            return Decision.NONE;
        }

        int progressive = Math.max(0, free - load.inFlight());
        double ratio = queue.dialMode() == DialMode.PREDICTIVE ? ratio(queue, meter, stats) : 1;
        int calls = progressive;
        if (ratio > 1) {
            double soonFree = load.busy() * stats.shareFreeBeforeAnswer();
            double lines = Math.min((free + soonFree) * ratio, free * queue.maxRatio());
            calls = Math.max(progressive, (int) Math.floor(lines) - load.inFlight());
            calls = Math.min(calls, Math.max(progressive, withinHeadroom(queue, load, meter)));
        }

        boolean guaranteed = calls <= progressive;
        return new Decision(calls, guaranteed, guaranteed ? 1 : ratio,
                detect(queue, load, meter, calls));
    }

    /**
     * The most calls to start so that, if every call in flight beyond the free agents were
     * abandoned and every call were a machine counted at the false-positive estimate, both
     * meters would stay at or under the target.
     */
    private int withinHeadroom(QueueSettings queue, Load load, AbandonMeter.Reading meter) {
        if (!guard) {
            return Integer.MAX_VALUE;
        }
        double room = meter.headroom(queue.abandonTarget()) - IN_HAND;
        double estimate = queue.detectMachine() ? queue.amdFalsePositiveEstimate() : 0;
        int free = load.waiting() - load.awaitingAgent();
        return (int) Math.floor((room + free) / (1 + estimate)) - load.inFlight();
    }

    /**
     * Whether {@code calls} new calls use detection: only while the meters can take its
     * estimate for them and for the calls in flight.
     */
    boolean detect(QueueSettings queue, Load load, AbandonMeter.Reading meter,
            int calls) {
        if (!queue.detectMachine() || !guard) {
            return queue.detectMachine();
        }
        double room = meter.headroom(queue.abandonTarget()) - IN_HAND;
        return room >= queue.amdFalsePositiveEstimate() * (load.inFlight() + calls);
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
