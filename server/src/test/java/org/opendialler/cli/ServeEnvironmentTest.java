package org.opendialler.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opendialler.server.OpenDiallerServer;
import org.opendialler.store.DbConfig;
import org.opendialler.testing.Api;
import org.opendialler.testing.TestServer;

/**
 * The {@code opendialler} command configured by environment variables alone, each command in
 * a JVM of its own so that its environment is exactly what the test gives it. H2 only: the
 * children open the embedded database of their data directory.
 */
class ServeEnvironmentTest {

    private static final String BOOT_PASSWORD = "boot-env-password";
    private static final String USER_PASSWORD = "user-env-password";

    @TempDir
    Path data;

    @Test
    void serveAndUserAddTakeTheirSettingsFromTheEnvironment() throws Exception {
        assumeFalse(TestServer.onPostgres(), "the children run on embedded H2");
        int port = freePort();

        Child centre = run(Map.of("OPENDIALLER_DATA", data.toString()), "centre", "add",
                "--name", "Env Leeds");
        long ccid = Long.parseLong(centre.out().trim());
        Child user = run(Map.of("OPENDIALLER_DATA", data.toString(), "OPENDIALLER_PASSWORD",
                USER_PASSWORD), "user", "add", "--centre", String.valueOf(ccid),
                "--username", "env-user");
        Map<String, String> env = Map.of("OPENDIALLER_PORT", String.valueOf(port),
                "OPENDIALLER_DATA", data.toString(), "OPENDIALLER_TOKEN_LIFETIME", "120",
                "OPENDIALLER_BOOTSTRAP_CENTRE", "Env Boot", "OPENDIALLER_BOOTSTRAP_USER",
                "env-admin", "OPENDIALLER_BOOTSTRAP_PASSWORD", BOOT_PASSWORD);
        Path log = data.resolve("serve.log");
        Process serve = start(env, log, "serve");
        try {
            String base = "http://localhost:" + port;
            await(() -> Files.readString(log).contains("listening on"), serve, log);
            long before = System.currentTimeMillis() / 1000;
            JsonNode boot = token(base, "env-admin", BOOT_PASSWORD);
            JsonNode added = token(base, "env-user", USER_PASSWORD);
            long after = System.currentTimeMillis() / 1000;
            String line = Files.readAllLines(log).stream()
                    .filter(l -> l.contains("listening on")).findFirst().orElseThrow();

            assertEquals(0, centre.code(), centre.err());
            assertEquals(0, user.code(), user.err());
            assertTrue(boot.get("success").asBoolean(), boot.toString());
            assertTrue(added.get("success").asBoolean(), added.toString());
            for (JsonNode answer : List.of(boot, added)) {
                long expire = answer.get("expire").asLong();
                assertTrue(expire >= before + 120 && expire <= after + 120,
                        expire + " is not 120 s after " + before + ".." + after);
            }
            String database = "jdbc:h2:file:" + data.toAbsolutePath().normalize()
                    .resolve("opendialler");
            assertTrue(line.contains("listening on " + base + " with database " + database
                    + " ("), line);
            String all = Files.readString(log);
            assertFalse(all.contains(BOOT_PASSWORD), all);
            assertFalse(line.toLowerCase().contains("password"), line);
        } finally {
            serve.destroy();
            if (!serve.waitFor(30, TimeUnit.SECONDS)) {
                serve.destroyForcibly().waitFor();
            }
        }
    }

    @Test
    void theDatabaseInTheStartUpLineNeverCarriesCredentials() {
        DbConfig pg = new DbConfig("jdbc:postgresql://db.example:5432/od?user=od&password=hush",
                "od", "hush", null);
        DbConfig h2 = new DbConfig("jdbc:h2:file:/srv/od/opendialler;PASSWORD=hush;MODE=x",
                "sa", "hush", "t1");

        assertEquals("jdbc:postgresql://db.example:5432/od", pg.describe());
        assertEquals("jdbc:h2:file:/srv/od/opendialler (schema t1)", h2.describe());
    }

    private static JsonNode token(String base, String user, String password) {
        return new Api(base, 0, user, password).get("/token.php?action=get&username="
                + Api.enc(user) + "&password=" + Api.enc(password)).json();
    }

    /** What a finished child printed. */
    private record Child(int code, String out, String err) {
    }

    private Child run(Map<String, String> env, String... args) throws Exception {
        Path out = Files.createTempFile(data, "out", ".txt");
        Path err = Files.createTempFile(data, "err", ".txt");
        ProcessBuilder pb = builder(env, args);
        pb.redirectOutput(out.toFile());
        pb.redirectError(err.toFile());
        Process p = pb.start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            throw new AssertionError("opendialler " + String.join(" ", args) + " hung");
        }
        return new Child(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    private Process start(Map<String, String> env, Path log, String... args)
            throws IOException, URISyntaxException {
        ProcessBuilder pb = builder(env, args);
        pb.redirectErrorStream(true);
        pb.redirectOutput(log.toFile());
        return pb.start();
    }

    /**
     * A child JVM on this test's class path with the product's own logging (the tests' logback
     * file would hide the start-up line), and of the environment only what {@code env} gives
     * among the variables the command reads.
     */
    private static ProcessBuilder builder(Map<String, String> env, String... args)
            throws IOException {
        Path logback;
        try {
            logback = Path.of(OpenDiallerServer.class.getResource("/logback.xml").toURI());
        } catch (URISyntaxException e) {
            throw new IOException(e);
        }
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dlogback.configurationFile=" + logback, "-cp",
                System.getProperty("java.class.path"), "org.opendialler.cli.Main"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().keySet().removeIf(k -> k.startsWith("OPENDIALLER_"));
        pb.environment().putAll(env);
        return pb;
    }

    private interface Check {
        boolean holds() throws IOException;
    }

    /** Polls a real child process, which no clock of ours can move. */
    private static void await(Check started, Process child, Path log) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (!started.holds()) {
            if (!child.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("the server did not start:\n"
                        + Files.readString(log, StandardCharsets.UTF_8));
            }
            Thread.sleep(200);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
