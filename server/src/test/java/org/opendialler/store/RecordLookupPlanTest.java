package org.opendialler.store;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.opendialler.testing.TestServer;

/**
 * PostgreSQL keeps one plan for the lookup of a record by id that a foreign key check runs
 * (a custom value written, a record deleted), made the first time a connection needs it,
 * often while {@code records} is still empty and has no statistics. That plan must be the
 * primary key: an index that merely ends with {@code id} costs the same on an empty table, and
 * a plan walking all of it made every check read the whole index, so a load or a delete of n
 * records took time in n squared. The indexes of numbers and callbacks hold only the records
 * that have one, and every lookup by them must still be able to use them.
 */
class RecordLookupPlanTest {

    private final TestServer server = TestServer.start();

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aRecordIsLookedUpByIdThroughThePrimaryKeyBeforeTheTableHasStatistics()
            throws SQLException {
        assumeTrue(TestServer.onPostgres(), "a PostgreSQL planner's choice");

        List<String> plan = new ArrayList<>();
        try (Connection c = server.server().database().dataSource().getConnection();
                Statement s = c.createStatement()) {
            s.execute("SET plan_cache_mode = force_generic_plan");
            s.execute("PREPARE by_id(bigint) AS SELECT 1 FROM ONLY records x WHERE id = $1"
                    + " FOR KEY SHARE OF x");
            try (ResultSet r = s.executeQuery("EXPLAIN EXECUTE by_id(1)")) {
                while (r.next()) {
                    plan.add(r.getString(1));
                }
            }
            s.execute("DEALLOCATE by_id");
            s.execute("RESET plan_cache_mode");
        }

        String text = String.join("\n", plan);
        assertTrue(text.contains("Index Scan using records_pkey"), text);
    }

    @Test
    void aLookupByNumberOrOfDueCallbacksCanUseTheIndexOfRecordsThatHaveOne()
            throws SQLException {
        assumeTrue(TestServer.onPostgres(), "partial indexes are PostgreSQL's");

        String dueCallbacks = plan("SELECT id FROM records WHERE ccid = $1 AND callback IS NOT"
                + " NULL AND callback <= $2 ORDER BY callback", "bigint, bigint", "1, 2");

        for (String phone : List.of("home", "work", "mobile")) {
            String byNumber = plan("SELECT id FROM records WHERE ccid = $1 AND " + phone
                    + "phone_e164 IN ($2, $3)", "bigint, text, text",
                    "1, '+441134960000', '+447700900000'");
            assertTrue(byNumber.contains("records_" + phone), byNumber);
        }
        assertTrue(dueCallbacks.contains("records_callback"), dueCallbacks);
    }

    /** The generic plan of {@code sql}, with sequential scans priced out. */
    private String plan(String sql, String types, String values) throws SQLException {
        List<String> plan = new ArrayList<>();
        try (Connection c = server.server().database().dataSource().getConnection();
                Statement s = c.createStatement()) {
            s.execute("SET plan_cache_mode = force_generic_plan");
            s.execute("SET enable_seqscan = off");
            s.execute("PREPARE q(" + types + ") AS " + sql);
            try (ResultSet r = s.executeQuery("EXPLAIN EXECUTE q(" + values + ")")) {
                while (r.next()) {
                    plan.add(r.getString(1));
                }
            }
            s.execute("DEALLOCATE q");
            s.execute("RESET enable_seqscan");
            s.execute("RESET plan_cache_mode");
        }
        return String.join("\n", plan);
    }
}
