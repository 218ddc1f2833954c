package org.opendialler.dialler;

import static org.opendialler.dialler.EngineTables.*;

import java.time.Instant;
import org.jooq.Record;
import org.opendialler.store.Database;

/** Refills a queue's abandon meters from its CDRs of the last 30 days, so pacing starts seeing. */
final class MeterHistory {

    private MeterHistory() {
    }

    static void fill(Database db, long ccid, long qid, Instant now, AbandonMeter meter) {
        long to = now.toEpochMilli();
        long from = now.minus(AbandonMeter.MONTH).toEpochMilli();
        for (Record r : db.dsl().select(CDR_CRES, CDR_OCID, CDR_INIT_MS, CDR_ANSW_MS).from(CDR)
                .where(CDR_CCID.eq(ccid), CDR_QID.eq(qid), CDR_DTYPE.eq("out"),
                        CDR_INIT_MS.between(from, to),
                        CDR_CRES.in(Cdr.ANSWERED, Cdr.ABANDONED, Cdr.ANSWER_MACHINE))
                .orderBy(CDR_INIT_MS).fetch()) {
            Instant at = Instant.ofEpochMilli(r.get(CDR_INIT_MS));
            switch (r.get(CDR_CRES)) {
                case Cdr.ANSWERED -> meter.liveAnswered(at);
                case Cdr.ABANDONED -> {
                    meter.liveAnswered(at);
                    meter.abandoned(at);
                }
                default -> {
                    if (r.get(CDR_OCID) == Outcome.ANSWER_MACHINE_DIALLER.id()) {
                        meter.machineDetected(at);
                    }
                }
            }
        }
    }
}
