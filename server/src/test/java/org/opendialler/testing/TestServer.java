package org.opendialler.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import org.opendialler.server.OpenDiallerServer;
import org.opendialler.server.ServerConfig;
import org.opendialler.store.DbConfig;
import org.opendialler.tenancy.Centre;

/**
 * Starts a real OpenDialler on a free port for a test, on the database the suite runs against:
 * embedded H2 in a fresh directory, or, when the system property {@code opendialler.test.db} is
 * {@code pg}, a fresh schema of the PostgreSQL server named by {@code OPENDIALLER_TEST_PG_URL}.
 */
public final class TestServer implements AutoCloseable {

    public static final String PASSWORD = "s3cret-pass";

    private final OpenDiallerServer server;
    private final Path dataDir;
    private final DbConfig db;
    public final MutableClock clock;

    private TestServer(OpenDiallerServer server, Path dataDir, DbConfig db, MutableClock clock) {
        this.server = server;
        this.dataDir = dataDir;
        this.db = db;
        this.clock = clock;
    }

    public static TestServer start() {
        return start(config -> config);
    }

    /** Starts a server whose config the test may adjust (the port is always a free one). */
    public static TestServer start(java.util.function.UnaryOperator<ServerConfig> adjust) {
        Path dataDir = tempDir();
        MutableClock clock = new MutableClock();
        DbConfig db = freshDatabase(dataDir);
        ServerConfig config = ServerConfig.defaults(dataDir).withPort(0).withHost("127.0.0.1")
                .withDb(db).withClock(clock);
        return new TestServer(OpenDiallerServer.start(adjust.apply(config)), dataDir, db, clock);
    }

    /**
     * A second node on {@code first}'s database, as several servers share one PostgreSQL: its
     * own port, data directory, clock and memory. On H2 both open the same embedded file, which
     * one JVM shares.
     */
    public static TestServer beside(TestServer first) {
        Path dataDir = tempDir();
        MutableClock clock = new MutableClock();
        ServerConfig config = ServerConfig.defaults(dataDir).withPort(0).withHost("127.0.0.1")
                .withDb(first.db).withClock(clock);
        return new TestServer(OpenDiallerServer.start(config), dataDir, first.db, clock);
    }

    /** Whether this run is on PostgreSQL rather than H2. */
    public static boolean onPostgres() {
        return "pg".equals(System.getProperty("opendialler.test.db"));
    }

    /** A database no other test uses. */
    public static DbConfig freshDatabase(Path dataDir) {
        if (!onPostgres()) {
            return DbConfig.embedded(dataDir);
        }
        String url = System.getenv("OPENDIALLER_TEST_PG_URL");
        if (url == null) {
            throw new IllegalStateException(
                    "opendialler.test.db=pg needs OPENDIALLER_TEST_PG_URL (see scripts/test)");
        }
        String user = System.getenv("OPENDIALLER_TEST_PG_USER");
        String password = System.getenv("OPENDIALLER_TEST_PG_PASSWORD");
        String schema = "t_" + UUID.randomUUID().toString().replace("-", "")
                .substring(0, 16).toLowerCase(Locale.ROOT);
        try (Connection c = DriverManager.getConnection(url, user, password);
                Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test schema on " + url, e);
        }
        return new DbConfig(url, user, password, schema);
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("opendialler-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A new centre with one API user, whose client has a token. */
    public Api newCentre(String name) {
        return newCentre(name, "Europe/London", "GB");
    }

    public Api newCentre(String name, String zone, String country) {
        Centre centre = server.tenancy().addCentre(name, zone, country);
        String username = "u" + UUID.randomUUID().toString().substring(0, 8);
        server.tenancy().addUser(centre.ccid(), username, PASSWORD);
        Api api = new Api(baseUrl(), centre.ccid(), username, PASSWORD);
        api.login();
        return api;
    }

    public String baseUrl() {
        return server.baseUrl();
    }

    public int port() {
        return server.port();
    }

    public OpenDiallerServer server() {
        return server;
    }

    public Path dataDir() {
        return dataDir;
    }

    public DbConfig db() {
        return db;
    }

    @Override
    public void close() {
        server.close();
    }
}
