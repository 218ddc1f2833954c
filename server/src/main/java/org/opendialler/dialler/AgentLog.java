package org.opendialler.dialler;

import static org.opendialler.dialler.EngineTables.*;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import org.jooq.DSLContext;
import org.opendialler.reporting.AgentSession;
import org.opendialler.reporting.AgentSessions;

/**
 * Writes what agents do to {@code status_log} (one row per state, closed when the next one
 * opens), {@code agents.logged_in}, and their sessions in {@code agent_sessions}. Called on the
 * dialler's scheduler thread only, inside the caller's transaction; not thread-safe.
 */
final class AgentLog {

    private final long ccid;
    private final Map<Long, Session> sessions = new HashMap<>();

    AgentLog(long ccid) {
        this.ccid = ccid;
    }

    /** Writes one state change with {@code tx}. */
    void write(DSLContext tx, AgentStateChange change) {
        statusLog(tx, change);
        session(tx, change);
        if (change.from() == AgentState.LOGGED_OUT || change.to() == AgentState.LOGGED_OUT) {
            tx.update(AGENTS).set(A_LOGGED_IN, change.to() != AgentState.LOGGED_OUT)
                    .where(A_CCID.eq(ccid), A_ID.eq(change.agentId())).execute();
        }
    }

    private void statusLog(DSLContext tx, AgentStateChange change) {
        long at = change.at().getEpochSecond();
        tx.update(STATUS_LOG).set(S_STOP, at).set(S_SEC, S_START.neg().plus(at))
                .where(S_CCID.eq(ccid), S_AGENT.eq(change.agentId()), S_STOP.isNull())
                .execute();
        if (change.to() != AgentState.LOGGED_OUT) {
            tx.insertInto(STATUS_LOG).set(S_CCID, ccid).set(S_AGENT, change.agentId())
                    .set(S_STATE, change.to().wireName()).set(S_REASON, change.reason())
                    .set(S_QID, change.qid()).set(S_START, at).execute();
        }
    }

    private void session(DSLContext tx, AgentStateChange change) {
        Session s = sessions.get(change.agentId());
        if (change.from() == AgentState.LOGGED_OUT || s == null) {
            s = new Session(change.at(), name(tx, change.agentId()));
            s.id = AgentSessions.insert(tx, s.toRow(ccid, change.agentId(), null));
            sessions.put(change.agentId(), s);
            return;
        }
        s.spent.merge(change.from(), Duration.between(s.since, change.at()), Duration::plus);
        s.since = change.at();
        if (change.to() == AgentState.CALL && !change.lineOnly()) {
            s.calls++;
            s.first = s.first == null ? change.at() : s.first;
            s.last = change.at();
        }
        Instant logout = change.to() == AgentState.LOGGED_OUT ? change.at() : null;
        AgentSessions.update(tx, s.id, s.toRow(ccid, change.agentId(), logout));
        if (logout != null) {
            sessions.remove(change.agentId());
        }
    }

    private String name(DSLContext tx, long agentId) {
        var r = tx.select(A_FIRST, A_LAST, A_LOGIN).from(AGENTS)
                .where(A_CCID.eq(ccid), A_ID.eq(agentId)).fetchOne();
        return r == null ? "" : AgentNames.of(r.get(A_FIRST), r.get(A_LAST), r.get(A_LOGIN));
    }

    /** The open session of one agent. */
    private static final class Session {

        final Instant login;
        final String name;
        final Map<AgentState, Duration> spent = new EnumMap<>(AgentState.class);
        long id;
        Instant since;
        Instant first;
        Instant last;
        long calls;

        Session(Instant login, String name) {
            this.login = login;
            this.name = name;
            this.since = login;
        }

        AgentSession toRow(long ccid, long aid, Instant logout) {
            Duration zero = Duration.ZERO;
            Duration loggedIn = logout == null ? null : Duration.between(login, logout);
            return new AgentSession(ccid, aid, name, 0, "", login, logout, first, last,
                    loggedIn, spent.getOrDefault(AgentState.WAIT, zero),
                    spent.getOrDefault(AgentState.CALL, zero),
                    spent.getOrDefault(AgentState.WRAP, zero),
                    spent.getOrDefault(AgentState.PAUSE, zero), calls);
        }
    }
}
