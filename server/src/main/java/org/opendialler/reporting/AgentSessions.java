package org.opendialler.reporting;

import static org.opendialler.reporting.CdrTable.*;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.Field;

/**
 * Writes agent sessions. The dialler inserts a session at login and replaces it as the session
 * goes on, inside its own transactions. Stateless and thread-safe.
 */
public final class AgentSessions {

    private AgentSessions() {
    }

    /** Inserts a session and answers its id. */
    public static long insert(DSLContext dsl, AgentSession session) {
        if (session.ccid() <= 0 || session.aid() <= 0) {
            throw new IllegalArgumentException("a session needs a ccid and an agent id");
        }
        return dsl.insertInto(SESSIONS).set(row(session)).returningResult(SESSION_ID)
                .fetchOne(SESSION_ID);
    }

    /**
     * Replaces session {@code id} of the session's centre.
     *
     * @throws IllegalArgumentException when the centre has no such session
     */
    public static void update(DSLContext dsl, long id, AgentSession session) {
        int changed = dsl.update(SESSIONS).set(row(session))
                .where(SESSION_ID.eq(id), CCID.eq(session.ccid())).execute();
        if (changed == 0) {
            throw new IllegalArgumentException("no agent session " + id);
        }
    }

    private static Map<Field<?>, Object> row(AgentSession s) {
        Map<Field<?>, Object> row = new LinkedHashMap<>();
        row.put(CCID, s.ccid());
        row.put(AID, s.aid());
        row.put(ANM, s.anm() == null ? "" : s.anm());
        row.put(TID, s.tid());
        row.put(TNM, s.tnm() == null ? "" : s.tnm());
        row.put(TM_LOGIN, seconds(s.login()));
        row.put(TM_LOGOUT, seconds(s.logout()));
        row.put(TM_FIRST, seconds(s.firstCall()));
        row.put(TM_LAST, seconds(s.lastCall()));
        row.put(SEC_LOGIN, seconds(s.loggedIn()));
        row.put(SEC_WAIT, seconds(s.waiting()));
        row.put(SEC_TALK, seconds(s.talking()));
        row.put(SEC_WRAP, seconds(s.wrapping()));
        row.put(SEC_PAUSE, seconds(s.paused()));
        row.put(NC_ALL, s.calls());
        return row;
    }

    private static Long seconds(Instant t) {
        return t == null ? null : t.getEpochSecond();
    }

    private static long seconds(Duration d) {
        return d == null ? 0 : d.getSeconds();
    }
}
