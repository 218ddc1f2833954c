package org.opendialler.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.opendialler.client.ContactNowClient;
import org.opendialler.testing.Api;
import org.opendialler.testing.TestServer;

/**
 * A first load of records on PostgreSQL leaves the table analyzed, so that the dialler's first
 * claims are planned from statistics rather than guesses; a small create does not analyze.
 */
class RecordStatisticsTest {

    private final TestServer server = TestServer.start();

    @AfterEach
    void stop() {
        server.close();
    }

    /** When records was last analyzed by a statement (autovacuum's own runs are apart). */
    private Object lastAnalyze() {
        DSLContext dsl = server.server().database().dsl();
        return dsl.fetchValue("SELECT last_analyze FROM pg_stat_user_tables"
                + " WHERE relid = to_regclass('records')");
    }

    @Test
    void aFirstLoadOfRecordsLeavesThemAnalyzedOnPostgres() {
        assumeTrue(TestServer.onPostgres(), "PostgreSQL's planner statistics");
        Api api = server.newCentre("Statistics");
        ContactNowClient client = ContactNowClient.builder().baseUrl(server.baseUrl() + "/")
                .credentials(api.username, TestServer.PASSWORD).build();
        client.call("ecnow.php", "campaign_tables", "create", Map.of("name", "leads"));
        long ds = client.datasets().create("leads", "First load");

        client.records().create(List.of(Map.of("dataset", ds, "mobilephone", "07700900001")));
        assertNull(lastAnalyze(), "one record is no load");
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            rows.add(Map.of("dataset", ds, "mobilephone", String.format("07700 900%03d", i)));
        }
        assertEquals(500, client.records().create(rows).keys().size());

        assertNotNull(lastAnalyze(), "analyzed after the load");
    }
}
