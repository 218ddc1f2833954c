package org.opendialler.reporting;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Makes varied, plausible CDRs from a seeded {@link Random}: every direction, with and without
 * agents, answered or not, system and centre outcomes (every sale outcome is complete).
 */
final class RandomCdrs {

    /** An outcome: id, name and flags complete, sale, dmc, answerphone. */
    record Outcome(long id, String name, boolean complete, boolean sale, boolean dmc,
            boolean answerphone) {
    }

    static final List<Outcome> OUTCOMES = List.of(
            new Outcome(0, "", false, false, false, false),
            new Outcome(101, "Answer Machine (Agent)", false, false, false, true),
            new Outcome(102, "Answer Machine (Dialler)", false, false, false, true),
            new Outcome(103, "No Answer", false, false, false, false),
            new Outcome(105, "Dead Line", true, false, false, false),
            new Outcome(106, "Abandoned (Dialler)", false, false, false, false),
            new Outcome(109, "Callback", false, false, false, false),
            new Outcome(500200, "Sale", true, true, true, false),
            new Outcome(500201, "Not Interested", true, false, true, false),
            new Outcome(500202, "Call Back Later", false, false, true, false));
    static final String[] DTYPES = {"in", "out", "man", "tpt", "sms_out"};
    static final String[] RESULTS = {"Answered", "No Answer", "Busy", "Dead Line",
        "Answer Machine", "Abandoned", "TPT"};

    private final Random random;

    RandomCdrs(long seed) {
        this.random = new Random(seed);
    }

    /** {@code n} CDRs of centre {@code ccid} starting within {@code span} of {@code from}. */
    List<Cdr> make(long ccid, int n, Instant from, Duration span) {
        List<Cdr> cdrs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            cdrs.add(one(ccid, from.plusMillis((long) (random.nextDouble() * span.toMillis()))));
        }
        return cdrs;
    }

    Cdr one(long ccid, Instant init) {
        String dtype = DTYPES[random.nextInt(DTYPES.length)];
        int q = random.nextInt(3);
        int agent = random.nextInt(4);
        int team = agent == 0 ? 0 : 1 + agent % 2;
        Outcome oc = OUTCOMES.get(random.nextInt(OUTCOMES.size()));
        boolean answered = random.nextInt(3) > 0;
        long ring = random.nextInt(30_000);
        return Cdr.builder()
                .ccid(ccid)
                .qid(700 + q).qtable("Table" + (q % 2)).qtype(q == 0 ? "inbound" : "outbound")
                .qnm("Queue " + q).origQnm("Queue " + q)
                .cid(q % 2 + 1).cnm("Campaign " + (q % 2 + 1))
                .aid(agent == 0 ? 0 : 500 + agent).anm(agent == 0 ? "" : "Agent " + agent)
                .tid(team == 0 ? 0 : 40 + team).tnm(team == 0 ? "" : "Team " + team)
                .dsid(random.nextInt(3)).dsnm("Dataset")
                .urn(random.nextInt(4) == 0 ? 0 : 1 + random.nextInt(50))
                .ddi("0161496" + (1000 + random.nextInt(9000)))
                .cli(random.nextBoolean() ? "01134960000" : "01134960001")
                .dest(random.nextBoolean() ? "UK Mobile" : "UK Geographic")
                .dcode(random.nextBoolean() ? "447" : "44161")
                .ctype("in".equals(dtype) ? "in" : "out").dtype(dtype)
                .cres(RESULTS[random.nextInt(RESULTS.length)])
                .ocid(oc.id()).ocnm(oc.name()).ocComplete(oc.complete()).ocSale(oc.sale())
                .ocDmc(oc.dmc()).ocAnswerphone(oc.answerphone())
                .flags(random.nextBoolean() ? "recorded" : "recorded,processed")
                .carrier("carrier" + random.nextInt(2))
                .tmInit(init)
                .tmAnsw(answered ? init.plusMillis(ring + 1) : null)
                .tmDisc(init.plusMillis(ring + 60_000))
                .ring(Duration.ofMillis(ring))
                .queue(Duration.ofMillis(random.nextInt(4) == 0 ? 0 : random.nextInt(45_000)))
                .duration(Duration.ofMillis(random.nextInt(600_000)))
                .talk(Duration.ofMillis(random.nextInt(3) == 0 ? 0 : random.nextInt(300_000)))
                .tpt(Duration.ofMillis(random.nextInt(4) == 0 ? random.nextInt(90_000) : 0))
                .wrap(Duration.ofMillis(random.nextInt(3) == 0 ? 0 : random.nextInt(60_000)))
                .waitTime(Duration.ofMillis(random.nextBoolean() ? 0 : random.nextInt(90_000)))
                .costCust(BigDecimal.valueOf(random.nextInt(100_000), 4))
                .billCust(BigDecimal.valueOf(random.nextInt(100_000), 4))
                .billDur(random.nextInt(600))
                .isMob(random.nextBoolean())
                .ivrKey(random.nextBoolean() ? "" : String.valueOf(random.nextInt(10)))
                .key(Duration.ofMillis(random.nextInt(10_000)))
                .terminate(random.nextBoolean() ? "customer" : "agent")
                .build();
    }

    /** The CDRs with the call ids the store gave them. */
    static List<Cdr> withCallids(List<Cdr> cdrs, List<Long> callids) {
        List<Cdr> out = new ArrayList<>();
        for (int i = 0; i < cdrs.size(); i++) {
            out.add(cdrs.get(i).toBuilder().callid(callids.get(i)).build());
        }
        return out;
    }
}
