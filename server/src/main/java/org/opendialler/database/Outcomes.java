package org.opendialler.database;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import java.util.List;
import java.util.Optional;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.opendialler.store.Database;

/**
 * Outcome codes as other areas need them: the system codes every centre has, and a centre's own.
 * Thread-safe.
 */
public final class Outcomes {

    static final Table<Record> TABLE = table(name("outcome_codes"));
    static final Field<Long> OUTCOME = field(name("outcome"), Long.class);
    static final Field<Long> CCID = field(name("ccid"), Long.class);
    static final Field<String> DESCRIPTION = field(name("description"), String.class);
    static final Field<String> COMPLETE = field(name("complete"), String.class);
    static final Field<String> SALE = field(name("sale"), String.class);
    static final Field<String> DMC = field(name("dmc"), String.class);
    static final Field<String> DO_NOT_CALL = field(name("do_not_call"), String.class);
    static final Field<Integer> ANSWERPHONE = field(name("answerphone"), Integer.class);

    /** An outcome code and the flags that decide what happens to a record. */
    public record Outcome(long id, String description, boolean system, boolean complete,
            boolean sale, boolean dmc, boolean doNotCall, boolean answerphone) {
    }

    /** The system codes, read-only and present in every centre. */
    public static final List<Outcome> SYSTEM = List.of(
            system(100, "New record", false),
            new Outcome(101, "Answer Machine (Agent)", true, false, false, false, false, true),
            new Outcome(102, "Answer Machine (Dialler)", true, false, false, false, false, true),
            system(103, "No Answer", false),
            system(104, "Busy", false),
            system(105, "Dead Line", true),
            system(106, "Abandoned (Dialler)", false),
            system(107, "Fax / Modem", true),
            system(108, "Dialler Error", false),
            system(109, "Callback", false),
            system(110, "Max Attempts Reached", true),
            new Outcome(111, "Do Not Call", true, true, false, false, true, false),
            system(112, "Expired", true));

    private final Database db;

    public Outcomes(Database db) {
        this.db = db;
    }

    private static Outcome system(long id, String description, boolean complete) {
        return new Outcome(id, description, true, complete, false, false, false, false);
    }

    /** The system code with this id, or empty. */
    public static Optional<Outcome> system(long id) {
        return SYSTEM.stream().filter(o -> o.id() == id).findFirst();
    }

    /** The outcome with this id as the centre sees it: a system code or one of its own. */
    public Optional<Outcome> find(long ccid, long outcomeId) {
        Optional<Outcome> system = system(outcomeId);
        if (system.isPresent()) {
            return system;
        }
        return db.dsl().selectFrom(TABLE)
                .where(CCID.eq(ccid)).and(OUTCOME.eq(outcomeId))
                .fetchOptional(Outcomes::toOutcome);
    }

    /** Whether the centre has this outcome (system or own). */
    public boolean exists(long ccid, long outcomeId) {
        return find(ccid, outcomeId).isPresent();
    }

    static Outcome toOutcome(Record r) {
        return new Outcome(r.get(OUTCOME), r.get(DESCRIPTION), false, yes(r.get(COMPLETE)),
                yes(r.get(SALE)), yes(r.get(DMC)), yes(r.get(DO_NOT_CALL)),
                r.get(ANSWERPHONE) != null && r.get(ANSWERPHONE) != 0);
    }

    private static boolean yes(String flag) {
        return "Y".equals(flag);
    }
}
