package org.opendialler.database;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import java.time.Clock;
import java.util.Optional;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.opendialler.phone.PhoneNumbers;
import org.opendialler.store.Database;
import org.opendialler.tenancy.Tenancy;

/**
 * The centre's do-not-call list as the dialler and record outcomes use it. Numbers are kept in
 * E.164, normalised with the centre's default country. Thread-safe.
 */
public final class DncList {

    static final Table<Record> TABLE = table(name("dnc"));
    static final Field<Long> UID = field(name("uid"), Long.class);
    static final Field<Long> CCID = field(name("ccid"), Long.class);
    static final Field<String> DDI = field(name("ddi"), String.class);
    static final Field<Long> QID = field(name("qid"), Long.class);
    static final Field<Long> URN = field(name("urn"), Long.class);
    static final Field<Long> ADDED_AT = field(name("added_at"), Long.class);

    private final Database db;
    private final Tenancy tenancy;
    private final Clock clock;

    public DncList(Database db, Tenancy tenancy, Clock clock) {
        this.db = db;
        this.tenancy = tenancy;
        this.clock = clock;
    }

    /** The number in E.164 with the centre's country, or empty when it is no phone number. */
    public Optional<String> normalise(long ccid, String number) {
        String country = tenancy.centre(ccid).map(c -> c.country()).orElse("GB");
        return PhoneNumbers.e164(number, country);
    }

    /** Whether the number may not be called on this queue (its own entry or the centre's). */
    public boolean isListed(long ccid, String number, long qid) {
        Optional<String> e164 = normalise(ccid, number);
        if (e164.isEmpty()) {
            return false;
        }
        return db.dsl().fetchExists(db.dsl().selectOne().from(TABLE)
                .where(CCID.eq(ccid)).and(DDI.eq(e164.get())).and(QID.in(0L, qid)));
    }

    /**
     * Puts a number on the list (an outcome with {@code do_not_call = Y} does this); adding one
     * already listed changes nothing.
     *
     * @return whether the number was a phone number
     */
    public boolean add(long ccid, String number, long qid, Long urn) {
        Optional<String> e164 = normalise(ccid, number);
        if (e164.isEmpty()) {
            return false;
        }
        boolean listed = db.dsl().fetchExists(db.dsl().selectOne().from(TABLE)
                .where(CCID.eq(ccid)).and(DDI.eq(e164.get())).and(QID.eq(qid)));
        if (!listed) {
            db.dsl().insertInto(TABLE).set(CCID, ccid).set(DDI, e164.get()).set(QID, qid)
                    .set(URN, urn).set(ADDED_AT, clock.instant().getEpochSecond()).execute();
        }
        return true;
    }
}
