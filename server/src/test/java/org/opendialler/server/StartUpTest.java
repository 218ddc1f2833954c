package org.opendialler.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opendialler.store.DbConfig;
import org.opendialler.testing.Api;
import org.opendialler.testing.TestServer;

/**
 * A server starting on a fresh data directory, on an existing one, and on a database that lacks
 * migrations added after it was made. The schema is read back over plain JDBC.
 */
class StartUpTest {

    private static final String QUEUE = "[{\"type\":\"inbound\",\"description\":\"Kept\"}]";

    @Test
    void aFreshDataDirectoryStartsFromTheBuildsMigratedDatabaseAndServes() throws Exception {
        assumeFalse(TestServer.onPostgres(), "the build's copy is of the embedded H2");
        Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);

        TestServer server = TestServer.start();
        JsonNode read = writeAndReadAQueue(server, "Fresh");
        List<Applied> history = history(server.db());

        assertEquals("Kept", read.get("list").get(0).path("description").asText());
        assertEquals(migrationFiles("db/migration", "db/h2"), versions(history));
        assertTrue(history.stream().allMatch(Applied::success), history.toString());
        assertTrue(history.stream().allMatch(a -> a.installedOn().isBefore(before)),
                "applied before this test, by the build: " + history);
    }

    @Test
    void withoutTheBuildsCopyFlywayMakesTheSchemaFromTheMigrations() throws Exception {
        assumeFalse(TestServer.onPostgres(), "the build's copy is of the embedded H2");
        Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Path dir = Files.createTempDirectory("opendialler-own-h2");
        DbConfig embedded = DbConfig.embedded(dir);
        // The same file under a URL of the user's own: not the embedded default.
        DbConfig own = new DbConfig(embedded.url() + ";IFEXISTS=FALSE", "sa", "", null);

        TestServer server = TestServer.start(c -> c.withDataDir(dir).withDb(own));
        JsonNode read = writeAndReadAQueue(server, "Own URL");
        List<Applied> history = history(own);

        assertEquals("Kept", read.get("list").get(0).path("description").asText());
        assertEquals(migrationFiles("db/migration", "db/h2"), versions(history));
        assertTrue(history.stream().allMatch(Applied::success), history.toString());
        assertFalse(history.stream().anyMatch(a -> a.installedOn().isBefore(before)),
                "applied now, by Flyway: " + history);
    }

    /** A queue written and read back over HTTP by a new centre; the server is then stopped. */
    private static JsonNode writeAndReadAQueue(TestServer server, String centre) {
        try {
            Api api = server.newCentre(centre);
            long qid = key(api.write("database.php", "queues", "create", QUEUE));
            return api.read("database.php", "queues", Map.of("qid", "" + qid));
        } finally {
            server.close();
        }
    }

    @Test
    void anExistingDataDirectoryKeepsItsDataAndTokensAcrossARestart() {
        TestServer first = TestServer.start();
        Api api = first.newCentre("Restarted");
        long qid = key(api.write("database.php", "queues", "create", QUEUE));
        first.close();

        try (TestServer second = TestServer.start(
                c -> c.withDataDir(first.dataDir()).withDb(first.db()))) {
            Api again = new Api(second.baseUrl(), api.ccid, api.username, api.password);
            again.token = api.token;
            JsonNode read = again.read("database.php", "queues", Map.of("qid", "" + qid));
            again.login();

            assertTrue(read.path("success").asBoolean(), read.toString());
            assertEquals("Kept", read.get("list").get(0).path("description").asText());
            assertTrue(again.token.matches("[0-9a-f]{40}"), again.token);
        }
    }

    @Test
    void migrationsTheDatabaseLacksAreAppliedAtItsNextStartEvenBelowItsVersion()
            throws Exception {
        TestServer first = TestServer.start();
        first.close();
        // As if the database had been made before V37 and V42 existed: V37 now comes below
        // versions it has (out of order), V42 above them.
        try (Connection c = connect(first.db()); Statement s = c.createStatement()) {
            s.execute("ALTER TABLE queues DROP COLUMN amd_fp_rate");
            s.execute("DROP TABLE cdr_slots");
            s.execute("DELETE FROM flyway_schema_history WHERE version IN ('37', '42')");
        }

        JsonNode read = writeAndReadAQueue(TestServer.start(
                c -> c.withDataDir(first.dataDir()).withDb(first.db())), "Upgraded");

        String rate = read.get("list").get(0).path("amd_fp_rate").asText();
        assertEquals(0, new BigDecimal(rate).compareTo(BigDecimal.valueOf(5)), read.toString());
        try (Connection c = connect(first.db())) {
            assertTrue(hasColumn(c, first.db(), "queues", "amd_fp_rate"));
            assertTrue(hasColumn(c, first.db(), "cdr_slots", "ccid"));
        }
        assertEquals(migrationFiles("db/migration",
                TestServer.onPostgres() ? "db/postgresql" : "db/h2"),
                versions(history(first.db())));
    }

    @Test
    void aMigrationTheBuildsCopyLacksIsAppliedToAFreshDataDirectory(@TempDir Path tmp)
            throws Exception {
        assumeFalse(TestServer.onPostgres(), "the build's copy is of the embedded H2");
        Path later = tmp.resolve("later").resolve("db").resolve("migration");
        Files.createDirectories(later);
        // Numbered below the copy's newest version: Flyway must apply it out of order.
        Files.writeString(later.resolve("V39__later.sql"),
                "CREATE TABLE later_test (id BIGINT PRIMARY KEY);\n");
        Path data = tmp.resolve("data");

        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin",
                "java").toString(), "-cp", System.getProperty("java.class.path")
                + java.io.File.pathSeparator + tmp.resolve("later"), "org.opendialler.cli.Main",
                "centre", "add", "--data", data.toString(), "--name", "Later")
                .redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes());
        DbConfig db = DbConfig.embedded(data);

        assertEquals(0, child.waitFor(), output);
        TreeSet<String> expected = migrationFiles("db/migration", "db/h2");
        expected.add("39");
        assertEquals(expected, versions(history(db)));
        try (Connection c = connect(db)) {
            assertTrue(hasColumn(c, db, "later_test", "id"));
        }
    }

    private static long key(JsonNode answer) {
        assertEquals(1, answer.path("total").asInt(), answer.toString());
        return answer.get("key").asLong();
    }

    /** One row of Flyway's schema history. */
    private record Applied(String version, boolean success, Instant installedOn) {
    }

    private static List<Applied> history(DbConfig db) throws SQLException {
        List<Applied> rows = new ArrayList<>();
        try (Connection c = connect(db); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT version, success, installed_on "
                        + "FROM flyway_schema_history WHERE version IS NOT NULL")) {
            while (r.next()) {
                rows.add(new Applied(r.getString(1), r.getBoolean(2),
                        r.getTimestamp(3).toInstant()));
            }
        }
        return rows;
    }

    private static TreeSet<String> versions(List<Applied> history) {
        TreeSet<String> versions = new TreeSet<>();
        history.forEach(a -> versions.add(a.version()));
        return versions;
    }

    /** The versions of the migration files under these class path folders. */
    private static TreeSet<String> migrationFiles(String... folders)
            throws IOException, URISyntaxException {
        TreeSet<String> versions = new TreeSet<>();
        for (String folder : folders) {
            Path dir = Path.of(StartUpTest.class.getResource("/" + folder).toURI());
            try (Stream<Path> files = Files.list(dir)) {
                files.map(f -> f.getFileName().toString())
                        .filter(n -> n.matches("V\\d+__.*\\.sql"))
                        .forEach(n -> versions.add(n.substring(1, n.indexOf("__"))));
            }
        }
        return versions;
    }

    private static Connection connect(DbConfig db) throws SQLException {
        Connection c = DriverManager.getConnection(db.url(), db.user(), db.password());
        if (db.schema() != null) {
            c.setSchema(db.schema());
        }
        return c;
    }

    private static boolean hasColumn(Connection c, DbConfig db, String table, String column)
            throws SQLException {
        try (ResultSet r = c.getMetaData().getColumns(null, db.schema(), table, column)) {
            return r.next();
        }
    }
}
