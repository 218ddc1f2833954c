package org.opendialler.telephony;

import java.time.Duration;

/**
 * How the simulated carrier behaves. The six outcome weights need not sum to one: each is
 * taken as its share of their sum. Times are drawn as the minimum plus an exponential tail
 * whose mean makes the overall mean the given one.
 *
 * @param person weight of calls a person answers
 * @param machine weight of calls an answer machine answers
 * @param noAnswer weight of calls nobody answers
 * @param busy weight of busy lines
 * @param deadLine weight of numbers out of service
 * @param fax weight of fax or modem answers
 * @param minRing shortest ring before an answer
 * @param meanRing mean ring before an answer (a draw above the call's ring time is a no-answer)
 * @param minTalk shortest conversation with an agent
 * @param meanTalk mean conversation with an agent
 * @param amdFalsePositive share of persons that detection calls machines
 * @param amdFalseNegative share of machines that detection calls persons
 * @param patience how long a person waits in silence for an agent before hanging up
 * @param seed the random seed: one seed, one run
 */
public record CarrierProfile(double person, double machine, double noAnswer, double busy,
        double deadLine, double fax, Duration minRing, Duration meanRing, Duration minTalk,
        Duration meanTalk, double amdFalsePositive, double amdFalseNegative, Duration patience,
        long seed) {

    public CarrierProfile {
        double total = person + machine + noAnswer + busy + deadLine + fax;
        if (person < 0 || machine < 0 || noAnswer < 0 || busy < 0 || deadLine < 0 || fax < 0
                || !(total > 0)) {
            throw new IllegalArgumentException("outcome weights must be >= 0 with a sum > 0");
        }
        checkShare("amdFalsePositive", amdFalsePositive);
        checkShare("amdFalseNegative", amdFalseNegative);
        if (meanRing.compareTo(minRing) < 0 || meanTalk.compareTo(minTalk) < 0) {
            throw new IllegalArgumentException("a mean time is below its minimum");
        }
    }

    /** A plausible consumer list: a third answered by people, detection 95% right. */
    public static CarrierProfile typical(long seed) {
        return new CarrierProfile(0.35, 0.15, 0.30, 0.10, 0.07, 0.03, Duration.ofSeconds(3),
                Duration.ofSeconds(9), Duration.ofSeconds(20), Duration.ofSeconds(90), 0.03,
                0.10, Duration.ofSeconds(6), seed);
    }

    public CarrierProfile withWeights(double p, double m, double n, double b, double d,
            double f) {
        return new CarrierProfile(p, m, n, b, d, f, minRing, meanRing, minTalk, meanTalk,
                amdFalsePositive, amdFalseNegative, patience, seed);
    }

    public CarrierProfile withDetection(double falsePositive, double falseNegative) {
        return new CarrierProfile(person, machine, noAnswer, busy, deadLine, fax, minRing,
                meanRing, minTalk, meanTalk, falsePositive, falseNegative, patience, seed);
    }

    public CarrierProfile withTalk(Duration min, Duration mean) {
        return new CarrierProfile(person, machine, noAnswer, busy, deadLine, fax, minRing,
                meanRing, min, mean, amdFalsePositive, amdFalseNegative, patience, seed);
    }

    public CarrierProfile withSeed(long value) {
        return new CarrierProfile(person, machine, noAnswer, busy, deadLine, fax, minRing,
                meanRing, minTalk, meanTalk, amdFalsePositive, amdFalseNegative, patience, value);
    }

    private static void checkShare(String name, double share) {
        if (share < 0 || share > 1) {
            throw new IllegalArgumentException(name + " must be within 0..1: " + share);
        }
    }
}
