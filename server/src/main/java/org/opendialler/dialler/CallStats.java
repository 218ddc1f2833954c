package org.opendialler.dialler;

import java.time.Duration;

/**
 * What pacing measures of a queue's calls: the share of attempts a person answers, over the
 * last attempts, and moving averages of the time to answer and of handle time (talk and wrap).
 * Until enough attempts are seen the answer rate leans on a prior of 1, which paces like
 * progressive. Not thread-safe.
 */
public final class CallStats {

    private static final int WINDOW = 500;
    private static final int PRIOR_ATTEMPTS = 20;
    private static final double ALPHA = 0.05;

    private final boolean[] answered = new boolean[WINDOW];
    private int attempts;
    private int answers;
    private Double secondsToAnswer;
    private Double handleSeconds;

    /** One finished attempt: answered by a person or not. */
    public void attempt(boolean answeredByPerson) {
        int slot = attempts % WINDOW;
        if (attempts >= WINDOW && answered[slot]) {
            answers--;
        }
        answered[slot] = answeredByPerson;
        if (answeredByPerson) {
            answers++;
        }
        attempts++;
    }

    /** The time from origination to a person's answer. */
    public void timeToAnswer(Duration time) {
        secondsToAnswer = average(secondsToAnswer, seconds(time));
    }

    /** The time an agent spent on a call, talk and wrap. */
    public void handleTime(Duration time) {
        handleSeconds = average(handleSeconds, seconds(time));
    }

    /** The share of attempts a person answers, in (0, 1]. */
    public double answerRate() {
        int seen = Math.min(attempts, WINDOW);
        return (answers + PRIOR_ATTEMPTS) / (double) (seen + PRIOR_ATTEMPTS);
    }

    /** The share of busy agents expected to be free within a call's time to answer. */
    public double shareFreeBeforeAnswer() {
        if (secondsToAnswer == null || handleSeconds == null || handleSeconds <= 0) {
            return 0;
        }
        return Math.min(1, secondsToAnswer / handleSeconds);
    }

    private static double average(Double old, double sample) {
        return old == null ? sample : old + ALPHA * (sample - old);
    }

    private static double seconds(Duration d) {
        return d.toMillis() / 1000.0;
    }
}
