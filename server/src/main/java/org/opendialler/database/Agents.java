package org.opendialler.database;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import java.util.Optional;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.opendialler.store.Database;

/** Agents as other areas need them: existence, and the logged-in state the dialler keeps. */
public final class Agents {

    static final Table<Record> TABLE = table(name("agents"));
    static final Field<Long> AGENTID = field(name("agentid"), Long.class);
    static final Field<Long> CCID = field(name("ccid"), Long.class);
    static final Field<String> LOGIN = field(name("login"), String.class);
    static final Field<String> FIRSTNAME = field(name("firstname"), String.class);
    static final Field<String> LASTNAME = field(name("lastname"), String.class);
    static final Field<Long> TEAM = field(name("team"), Long.class);
    static final Field<String> ACTIVE = field(name("active"), String.class);
    static final Field<Boolean> LOGGED_IN = field(name("logged_in"), Boolean.class);

    /** An agent as the dialler and reports see one. */
    public record Agent(long agentId, String login, String firstname, String lastname,
            Long team, boolean active, boolean loggedIn) {
    }

    private final Database db;

    public Agents(Database db) {
        this.db = db;
    }

    public boolean exists(long ccid, long agentId) {
        return find(ccid, agentId).isPresent();
    }

    public Optional<Agent> find(long ccid, long agentId) {
        return db.dsl().selectFrom(TABLE)
                .where(CCID.eq(ccid)).and(AGENTID.eq(agentId))
                .fetchOptional(r -> new Agent(r.get(AGENTID), r.get(LOGIN), r.get(FIRSTNAME),
                        r.get(LASTNAME), r.get(TEAM), "Y".equals(r.get(ACTIVE)),
                        Boolean.TRUE.equals(r.get(LOGGED_IN))));
    }

    /**
     * Records that an agent logged in or out; the dialler calls this. A logged-in agent cannot
     * be deleted.
     *
     * @return whether the centre has that agent
     */
    public boolean setLoggedIn(long ccid, long agentId, boolean loggedIn) {
        return db.dsl().update(TABLE).set(LOGGED_IN, loggedIn)
                .where(CCID.eq(ccid)).and(AGENTID.eq(agentId)).execute() == 1;
    }
}
