package org.opendialler.dialler;

import static org.opendialler.dialler.EngineTables.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jooq.Record;
import org.opendialler.store.Database;

/** The simulated agents' outcome mix, made of a centre's own outcome codes. */
final class CentreOutcomes {

    private CentreOutcomes() {
    }

    /**
     * Sale 10, callback 15, not interested 60, answer machine 5, do not call 10, as
     * {@link AgentProfile#typical} but with the centre's sale, not-interested and DNC codes (a
     * missing one is left out; DNC falls back to system code 111).
     */
    static AgentProfile profile(Database db, long ccid, long seed) {
        List<Outcome> own = db.dsl().selectFrom(OUTCOMES).where(O_CCID.eq(ccid))
                .orderBy(O_ID).fetch(CentreOutcomes::toOutcome);
        List<AgentProfile.Weighted> mix = new ArrayList<>();
        first(own, o -> o.sale()).ifPresent(o -> mix.add(new AgentProfile.Weighted(o, 10)));
        mix.add(new AgentProfile.Weighted(Outcome.CALLBACK, 15));
        first(own, o -> o.complete() && !o.sale() && !o.doNotCall())
                .ifPresent(o -> mix.add(new AgentProfile.Weighted(o, 60)));
        mix.add(new AgentProfile.Weighted(Outcome.ANSWER_MACHINE_AGENT, 5));
        mix.add(new AgentProfile.Weighted(first(own, Outcome::doNotCall)
                .orElse(Outcome.DO_NOT_CALL), 10));
        AgentProfile typical = AgentProfile.typical(seed);
        return new AgentProfile(mix, typical.callbackWithin(), typical.agentSpecificShare(),
                typical.pauseChance(), typical.meanPause(), seed);
    }

    /** The centre's outcome code {@code id}, or a system one (101 to 111). */
    static Optional<Outcome> find(Database db, long ccid, long id) {
        for (Outcome o : List.of(Outcome.ANSWER_MACHINE_AGENT, Outcome.ANSWER_MACHINE_DIALLER,
                Outcome.NO_ANSWER, Outcome.BUSY, Outcome.DEAD_LINE, Outcome.ABANDONED,
                Outcome.FAX, Outcome.DIALLER_ERROR, Outcome.CALLBACK, Outcome.MAX_ATTEMPTS,
                Outcome.DO_NOT_CALL)) {
            if (o.id() == id) {
                return Optional.of(o);
            }
        }
        return db.dsl().selectFrom(OUTCOMES).where(O_CCID.eq(ccid), O_ID.eq(id))
                .fetchOptional(CentreOutcomes::toOutcome);
    }

    private static Optional<Outcome> first(List<Outcome> list,
            java.util.function.Predicate<Outcome> test) {
        return list.stream().filter(test).findFirst();
    }

    private static Outcome toOutcome(Record r) {
        return new Outcome(r.get(O_ID).intValue(), r.get(O_DESCRIPTION),
                "Y".equals(r.get(O_COMPLETE)), "Y".equals(r.get(O_SALE)),
                "Y".equals(r.get(O_DMC)), "Y".equals(r.get(O_DNC)),
                r.get(O_ANSWERPHONE) != null && r.get(O_ANSWERPHONE) != 0);
    }
}
