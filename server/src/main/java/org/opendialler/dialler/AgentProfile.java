package org.opendialler.dialler;

import java.time.Duration;
import java.util.List;

/**
 * How simulated agents behave: the outcomes they set, and how often and how long they pause.
 *
 * @param mix outcomes with weights; a callback is set for a time within {@code callbackWithin}
 * @param callbackWithin the latest a callback is set for, from the end of the call
 * @param agentSpecificShare the share of callbacks made agent specific
 * @param pauseChance the chance of a pause after a call
 * @param meanPause the mean length of a pause
 * @param seed the random seed
 */
public record AgentProfile(List<Weighted> mix, Duration callbackWithin,
        double agentSpecificShare, double pauseChance, Duration meanPause, long seed) {

    /** Sale and not-interested codes of a centre; the integration uses the centre's own. */
    public static final Outcome SALE = new Outcome(1001, "Sale", true, true, true, false,
            false);
    public static final Outcome NOT_INTERESTED = new Outcome(1002, "Not Interested", true,
            false, true, false, false);

    /** An outcome and its weight in the mix. */
    public record Weighted(Outcome outcome, double weight) {
    }

    public AgentProfile {
        mix = List.copyOf(mix);
        if (mix.isEmpty() || mix.stream().anyMatch(w -> w.weight() < 0)) {
            throw new IllegalArgumentException("the outcome mix needs weights >= 0");
        }
    }

    /** Sales 10%, callbacks 15%, not interested 60%, answer machine 5%, DNC 10%. */
    public static AgentProfile typical(long seed) {
        return new AgentProfile(List.of(new Weighted(SALE, 10),
                new Weighted(Outcome.CALLBACK, 15), new Weighted(NOT_INTERESTED, 60),
                new Weighted(Outcome.ANSWER_MACHINE_AGENT, 5),
                new Weighted(Outcome.DO_NOT_CALL, 10)), Duration.ofHours(48), 0.3, 0.05,
                Duration.ofMinutes(5), seed);
    }
}
