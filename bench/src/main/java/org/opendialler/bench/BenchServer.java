package org.opendialler.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.opendialler.server.OpenDiallerServer;
import org.opendialler.server.ServerConfig;
import org.opendialler.store.DbConfig;
import org.opendialler.tenancy.Centre;

/**
 * The server under test, started in this JVM on a free port with a fresh database (embedded H2
 * in a temporary directory, or a fresh schema of the PostgreSQL named by
 * {@code OPENDIALLER_TEST_PG_URL}), and one centre whose API user is logged in.
 */
final class BenchServer implements AutoCloseable {

    static final String PASSWORD = "bench-pass-1";

    final OpenDiallerServer server;
    final Http http;
    final long ccid;
    final String token;

    private BenchServer(OpenDiallerServer server, long ccid, String token) {
        this.server = server;
        this.http = new Http(server.baseUrl());
        this.ccid = ccid;
        this.token = token;
    }

    static BenchServer start(boolean postgres) {
        Path dataDir = tempDir();
        DbConfig db = postgres ? freshSchema() : DbConfig.embedded(dataDir);
        ServerConfig config = ServerConfig.defaults(dataDir).withPort(0).withHost("127.0.0.1")
                .withDb(db);
        OpenDiallerServer server = OpenDiallerServer.start(config);
        Tenant bench = addCentre(server, "Bench", "bench");
        return new BenchServer(server, bench.ccid(), bench.token());
    }

    /** A centre of the server as its logged-in API user sees it. */
    record Tenant(long ccid, String token) {
    }

    /** Another centre of this server, in London, its API user {@code login} logged in. */
    Tenant addCentre(String name, String login) {
        return addCentre(server, name, login);
    }

    private static Tenant addCentre(OpenDiallerServer server, String name, String login) {
        Centre centre = server.tenancy().addCentre(name, "Europe/London", "GB");
        server.tenancy().addUser(centre.ccid(), login, PASSWORD);
        String answer = new Http(server.baseUrl()).get("/token.php?action=get&format=json"
                + "&username=" + login + "&password=" + PASSWORD);
        return new Tenant(centre.ccid(), json(answer).get("token").asText());
    }

    static com.fasterxml.jackson.databind.JsonNode json(String body) {
        try {
            return new ObjectMapper().readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    DbConfig db() {
        return server.database().config();
    }

    String dbName() {
        return db().isPostgres() ? "postgresql" : "h2";
    }

    static DbConfig freshSchema() {
        String url = System.getenv("OPENDIALLER_TEST_PG_URL");
        if (url == null) {
            throw new IllegalStateException("--db pg needs OPENDIALLER_TEST_PG_URL "
                    + "(run under scripts/with-postgres)");
        }
        String user = System.getenv("OPENDIALLER_TEST_PG_USER");
        String password = System.getenv("OPENDIALLER_TEST_PG_PASSWORD");
        String schema = "b_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        try (Connection c = DriverManager.getConnection(url, user, password);
                Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create a schema on " + url, e);
        }
        return new DbConfig(url, user, password, schema);
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("opendialler-bench");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
