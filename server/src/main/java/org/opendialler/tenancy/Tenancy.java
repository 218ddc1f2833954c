package org.opendialler.tenancy;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.opendialler.store.Database;

/** Reads and writes contact centres and their API users. Thread-safe. */
public final class Tenancy {

    static final Table<Record> CENTRES = table(name("centres"));
    static final Field<Long> CCID = field(name("ccid"), Long.class);
    static final Field<String> NAME = field(name("name"), String.class);
    static final Field<String> TIMEZONE = field(name("timezone"), String.class);
    static final Field<String> COUNTRY = field(name("country"), String.class);
    static final Field<Long> CREATED_AT = field(name("created_at"), Long.class);
    static final Field<Long> DEFINITIONS_VERSION = field(name("definitions_version"), Long.class);

    static final Table<Record> USERS = table(name("api_users"));
    static final Field<Long> USER_ID = field(name("user_id"), Long.class);
    static final Field<String> USERNAME = field(name("username"), String.class);
    static final Field<String> PASSWORD_HASH = field(name("password_hash"), String.class);
    static final Field<String> ROLE = field(name("role"), String.class);

    private final Database db;
    private final Clock clock;

    public Tenancy(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /**
     * Adds a contact centre.
     *
     * @throws IllegalArgumentException for an unknown time zone or a country that is not two
     *     letters
     */
    public Centre addCentre(String centreName, String timezone, String country) {
        ZoneId zone = zone(timezone);
        String cc = country.trim().toUpperCase(Locale.ROOT);
        if (!cc.matches("[A-Z]{2}")) {
            throw new IllegalArgumentException("country must be a two-letter code: " + country);
        }
        if (centreName == null || centreName.isBlank()) {
            throw new IllegalArgumentException("a centre needs a name");
        }
        long ccid = db.dsl().insertInto(CENTRES)
                .set(NAME, centreName.trim())
                .set(TIMEZONE, zone.getId())
                .set(COUNTRY, cc)
                .set(CREATED_AT, clock.instant().getEpochSecond())
                .returningResult(CCID)
                .fetchOne(CCID);
        return new Centre(ccid, centreName.trim(), zone, cc);
    }

    private static ZoneId zone(String timezone) {
        try {
            return ZoneId.of(timezone);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("unknown time zone: " + timezone);
        }
    }

    public Optional<Centre> centre(long ccid) {
        return db.dsl().selectFrom(CENTRES).where(CCID.eq(ccid)).fetchOptional()
                .map(Tenancy::toCentre);
    }

    public Optional<Centre> centreNamed(String centreName) {
        return db.dsl().selectFrom(CENTRES).where(NAME.eq(centreName)).orderBy(CCID).limit(1)
                .fetchOptional().map(Tenancy::toCentre);
    }

    public List<Centre> centres() {
        return db.dsl().selectFrom(CENTRES).orderBy(CCID).fetch(Tenancy::toCentre);
    }

    /**
     * Records that the centre's definitions (its own row, campaign tables, fields) change. Call
     * it first in the transaction that changes them: nodes keep definitions in memory for as
     * long as this version stays the same. It also makes such changes of one centre wait for
     * each other.
     */
    public static void definitionsChange(DSLContext tx, long ccid) {
        tx.update(CENTRES).set(DEFINITIONS_VERSION, DEFINITIONS_VERSION.plus(1))
                .where(CCID.eq(ccid)).execute();
    }

    private static Centre toCentre(Record r) {
        return new Centre(r.get(CCID), r.get(NAME), ZoneId.of(r.get(TIMEZONE)), r.get(COUNTRY));
    }

    /**
     * Adds an API user to a centre.
     *
     * @throws IllegalArgumentException when the centre does not exist or the username is taken
     */
    public ApiUser addUser(long ccid, String username, String password) {
        if (centre(ccid).isEmpty()) {
            throw new IllegalArgumentException("no contact centre with id " + ccid);
        }
        if (username == null || !username.matches("[\\w.@+-]{1,200}")) {
            throw new IllegalArgumentException(
                    "a username is 1 to 200 letters, digits or . _ @ + -");
        }
        if (password == null || password.length() < 8) {
            throw new IllegalArgumentException("a password needs at least 8 characters");
        }
        if (user(username).isPresent()) {
            throw new IllegalArgumentException("username already taken: " + username);
        }
        String hash = Passwords.hash(password);
        DSLContext dsl = db.dsl();
        long id = dsl.insertInto(USERS)
                .set(CCID, ccid)
                .set(USERNAME, username)
                .set(PASSWORD_HASH, hash)
                .set(CREATED_AT, clock.instant().getEpochSecond())
                .returningResult(USER_ID)
                .fetchOne(USER_ID);
        return new ApiUser(id, ccid, username, hash, "admin");
    }

    /** Replaces a user's password. */
    public void setPassword(long userId, String password) {
        db.dsl().update(USERS).set(PASSWORD_HASH, Passwords.hash(password))
                .where(USER_ID.eq(userId)).execute();
    }

    public Optional<ApiUser> user(String username) {
        return db.dsl().selectFrom(USERS).where(USERNAME.eq(username)).fetchOptional()
                .map(Tenancy::toUser);
    }

    public List<ApiUser> users(Long ccid) {
        var query = db.dsl().selectFrom(USERS);
        var where = ccid == null ? query.where() : query.where(CCID.eq(ccid));
        return where.orderBy(USER_ID).fetch(Tenancy::toUser);
    }

    private static ApiUser toUser(Record r) {
        return new ApiUser(r.get(USER_ID), r.get(CCID), r.get(USERNAME), r.get(PASSWORD_HASH),
                r.get(ROLE));
    }
}
