package org.opendialler.ecnow;

import java.util.Locale;
import org.opendialler.store.Database;

/**
 * What ecnow data refers to, for the areas that must not delete what is in use: datasets
 * assigned to a queue, records carrying an outcome, campaign tables by name. Thread-safe.
 */
public final class Usage {

    private final Database db;

    public Usage(Database db) {
        this.db = db;
    }

    /** How many of the centre's datasets, expired ones included, are assigned to the queue. */
    public long datasetsOfQueue(long ccid, long qid) {
        return db.dsl().fetchCount(Datasets.DATASETS,
                Datasets.CCID.eq(ccid).and(Datasets.QID.eq(qid)));
    }

    /** How many of the centre's records carry the outcome. */
    public long recordsWithOutcome(long ccid, long outcome) {
        return db.dsl().fetchCount(Records.RECORDS,
                Records.CCID.eq(ccid).and(Records.OUTCOMECODE.eq(outcome)));
    }

    /** Whether the centre has a campaign table of this name, in any letter case. */
    public boolean tableExists(long ccid, String name) {
        return db.dsl().fetchExists(Tables.TABLES, Tables.CCID.eq(ccid)
                .and(Tables.NAME_LOWER.eq(name.toLowerCase(Locale.ROOT))));
    }
}
