package org.opendialler.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.opendialler.client.ContactNowClient;
import org.opendialler.testing.Api;
import org.opendialler.testing.TestServer;

/**
 * Loads of records on PostgreSQL leave them analyzed: the first, and each that takes the table
 * to twice the size its statistics were made at, so that the dialler's claims are planned from
 * statistics of about the table it walks; a small create does not analyze.
 */
class RecordStatisticsTest {

    private final TestServer server = TestServer.start();

    @AfterEach
    void stop() {
        server.close();
    }

    /** How many times records was analyzed by a statement (autovacuum's runs are apart). */
    private long analyses() {
        DSLContext dsl = server.server().database().dsl();
        return dsl.fetchValue(DSL.field("(SELECT analyze_count FROM pg_stat_user_tables"
                + " WHERE relid = to_regclass('records'))", Long.class));
    }

    private static List<Map<String, Object>> rows(long ds, int from, int count) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            rows.add(Map.of("dataset", ds, "firstname", "Lead " + i,
                    "mobilephone", String.format("07700 900%03d", i % 1000)));
        }
        return rows;
    }

    @Test
    void aFirstLoadAndEachThatDoublesTheRecordsLeaveThemAnalyzedOnPostgres() {
        assumeTrue(TestServer.onPostgres(), "PostgreSQL's planner statistics");
        Api api = server.newCentre("Statistics");
        ContactNowClient client = ContactNowClient.builder().baseUrl(server.baseUrl() + "/")
                .credentials(api.username, TestServer.PASSWORD).build();
        client.call("ecnow.php", "campaign_tables", "create", Map.of("name", "leads"));
        long ds = client.datasets().create("leads", "Loads");

        client.records().create(rows(ds, 0, 1));
        assertEquals(0, analyses(), "one record is no load");
        assertEquals(500, client.records().create(rows(ds, 1, 500)).keys().size());
        assertEquals(1, analyses(), "the first load: no statistics yet");
        client.records().create(rows(ds, 501, 500));
        assertEquals(1, analyses(), "the table has not doubled since");
        client.records().create(rows(ds, 1001, 3000));
        assertEquals(2, analyses(), "four times the rows it was analyzed with");
    }
}
