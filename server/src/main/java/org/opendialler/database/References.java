package org.opendialler.database;

/**
 * What other areas hold that refers to the configuration: datasets assigned to a queue, records
 * carrying an outcome, the existence of a campaign table. The ecnow area provides the real one;
 * until it is wired, {@link #NONE} says nothing refers to anything and every valid table name
 * exists.
 */
public interface References {

    References NONE = new References() {
    };

    /** How many datasets are assigned to the queue. */
    default long datasetsOfQueue(long ccid, long qid) {
        return 0;
    }

    /** How many records carry the outcome. */
    default long recordsWithOutcome(long ccid, long outcome) {
        return 0;
    }

    /** Whether the centre has a campaign table of this name. */
    default boolean campaignTableExists(long ccid, String table) {
        return true;
    }
}
