package org.opendialler.live;

import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.sum;
import static org.jooq.impl.DSL.table;
import static org.jooq.impl.DSL.when;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.opendialler.store.Database;

/**
 * What ajax.php reads from the database: the centre's queues and agents, which agent works which
 * queue, and today's call counts from the call detail records. Every query is on one centre.
 */
final class LiveStore {

    private static final Table<Record> QUEUES = table(name("queues"));
    private static final Table<Record> AGENTS = table(name("agents"));
    private static final Table<Record> PRIORITIES = table(name("priorities"));
    private static final Table<Record> CDR = table(name("cdr"));
    private static final Field<Long> CCID = field(name("ccid"), Long.class);
    private static final Field<Long> QID = field(name("qid"), Long.class);
    private static final Field<Long> AID = field(name("aid"), Long.class);
    private static final Field<Long> TID = field(name("tid"), Long.class);
    private static final Field<Long> AGENTID = field(name("agentid"), Long.class);
    private static final Field<Long> TEAM = field(name("team"), Long.class);
    private static final Field<String> LOGIN = field(name("login"), String.class);
    private static final Field<String> FIRSTNAME = field(name("firstname"), String.class);
    private static final Field<String> LASTNAME = field(name("lastname"), String.class);
    private static final Field<String> QUEUE_TYPE = field(name("queue_type"), String.class);
    private static final Field<String> DESCRIPTION = field(name("description"), String.class);
    private static final Field<BigDecimal> ABANDON_TARGET =
            field(name("abandon_target"), BigDecimal.class);
    private static final Field<Long> T_INIT_MS = field(name("t_init_ms"), Long.class);
    private static final Field<Long> T_ANSW_MS = field(name("t_answ_ms"), Long.class);
    private static final Field<String> CRES = field(name("cres"), String.class);
    /** The call results the dialler writes for a live answer that got an agent or not. */
    static final String ANSWERED = "Answered";
    static final String ABANDONED = "Abandoned";

    /** A queue as the board shows it; {@code target} is the abandon target in percent. */
    record QueueRow(long qid, String name, String type, BigDecimal target) {
    }

    /** An agent of the centre, logged in or not. */
    record AgentRow(long aid, String name, long tid) {
    }

    /** Today's calls of one queue: all, answered by an agent, abandoned, and live answers. */
    record Today(long calls, long answered, long abandoned, long live) {

        static final Today NONE = new Today(0, 0, 0, 0);

        Today plus(Today other) {
            return new Today(calls + other.calls, answered + other.answered,
                    abandoned + other.abandoned, live + other.live);
        }
    }

    private final Database db;

    LiveStore(Database db) {
        this.db = db;
    }

    List<QueueRow> queues(long ccid) {
        return db.dsl().select(QID, DESCRIPTION, QUEUE_TYPE, ABANDON_TARGET).from(QUEUES)
                .where(CCID.eq(ccid)).orderBy(QID)
                .fetch(r -> new QueueRow(r.get(QID), r.get(DESCRIPTION) == null ? ""
                        : r.get(DESCRIPTION), r.get(QUEUE_TYPE), r.get(ABANDON_TARGET)));
    }

    List<AgentRow> agents(long ccid) {
        return db.dsl().select(AGENTID, LOGIN, FIRSTNAME, LASTNAME, TEAM).from(AGENTS)
                .where(CCID.eq(ccid)).orderBy(AGENTID)
                .fetch(r -> new AgentRow(r.get(AGENTID), displayName(r),
                        r.get(TEAM) == null ? 0 : r.get(TEAM)));
    }

    private static String displayName(Record r) {
        String first = r.get(FIRSTNAME) == null ? "" : r.get(FIRSTNAME).trim();
        String last = r.get(LASTNAME) == null ? "" : r.get(LASTNAME).trim();
        String both = (first + " " + last).trim();
        return both.isEmpty() ? r.get(LOGIN) : both;
    }

    /** The queues each agent is assigned to (database.php's priorities). */
    Map<Long, Set<Long>> assignments(long ccid) {
        Map<Long, Set<Long>> out = new HashMap<>();
        db.dsl().select(AGENTID, QID).from(PRIORITIES).where(CCID.eq(ccid))
                .forEach(r -> out.computeIfAbsent(r.get(AGENTID), k -> new HashSet<>())
                        .add(r.get(QID)));
        return out;
    }

    /**
     * Today's counts per queue: CDRs begun since the start of the centre's local day, up to
     * now, with the filters' queues, agents and teams.
     */
    Map<Long, Today> today(long ccid, Instant dayStart, Instant now, LiveFilters filters) {
        Condition where = CCID.eq(ccid)
                .and(T_INIT_MS.between(dayStart.toEpochMilli(), now.toEpochMilli()));
        if (!filters.qids().isEmpty()) {
            where = where.and(QID.in(filters.qids()));
        }
        if (!filters.agents().isEmpty()) {
            where = where.and(AID.in(filters.agents()));
        }
        if (!filters.teams().isEmpty()) {
            where = where.and(TID.in(filters.teams()));
        }
        Field<Integer> calls = count().as("calls");
        Field<BigDecimal> answered =
                countWhen(T_ANSW_MS.isNotNull().and(AID.ne(0L)), "answered");
        Field<BigDecimal> abandoned = countWhen(CRES.eq(ABANDONED), "abandoned");
        Field<BigDecimal> live = countWhen(CRES.in(ANSWERED, ABANDONED), "live");
        Map<Long, Today> out = new HashMap<>();
        db.dsl().select(QID, calls, answered, abandoned, live).from(CDR).where(where)
                .groupBy(QID).forEach(r -> out.put(r.get(QID), new Today(r.get(calls),
                        r.get(answered).longValue(), r.get(abandoned).longValue(),
                        r.get(live).longValue())));
        return out;
    }

    private static Field<BigDecimal> countWhen(Condition condition, String alias) {
        return sum(when(condition, inline(1)).else_(inline(0))).as(alias);
    }
}
