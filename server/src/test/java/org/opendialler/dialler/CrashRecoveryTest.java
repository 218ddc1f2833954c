package org.opendialler.dialler;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opendialler.server.OpenDiallerServer;
import org.opendialler.server.ServerConfig;
import org.opendialler.testing.TestServer;

/**
 * A real server process dials, is killed with SIGKILL while calls are open (as its /metrics
 * says), and the next start closes what it left open: every open call gets outcome 108 and a
 * CDR, no record stays claimed, and every attempt counted on a record has its CDR. H2 only:
 * the child process opens the embedded database.
 */
class CrashRecoveryTest {

    private static final String PASSWORD = "crash-test-pass";
    private static final Pattern IN_PROGRESS = Pattern.compile(
            "(?m)^opendialler_dialler_calls_in_progress\\{[^}]*} (\\S+)$");

    @TempDir
    Path data;

    private static Field<Long> f(String column) {
        return field(name(column), Long.class);
    }

    @Test
    void callsLeftOpenByAKilledServerAreClosedWithOutcome108AndNothingIsLost() throws Exception {
        assumeFalse(TestServer.onPostgres(), "the child server runs on embedded H2");
        int port = freePort();
        String base = "http://127.0.0.1:" + port;
        Process child = startChild(port);
        try {
            await(() -> healthy(base), "the child server to start");
            EngineCentre centre = new EngineCentre(base, "admin", PASSWORD);
            centre.table("leads");
            centre.outcomes();
            long ds = centre.dataset("leads", "All", 50);
            long qid = centre.queue("leads", "predictive");
            centre.agents(qid, 4);
            centre.leads(ds, 300);
            centre.live(qid, ds);
            await(() -> cdrCount(centre) >= 30, "the child to write 30 CDRs");
            // Killed while calls are open, so that the next start has calls to close.
            await(() -> callsInProgress(base) >= 2, "the child to have calls in progress");
        } finally {
            child.destroyForcibly().waitFor();
        }

        ServerConfig config = ServerConfig.defaults(data).withPort(0).withHost("127.0.0.1");
        List<Long> open;
        try (OpenDiallerServer stopped = OpenDiallerServer.start(config)) {
            open = stopped.database().dsl().select(f("callid")).from(table(name("calls_open")))
                    .fetch(f("callid"));
        }
        assertFalse(open.isEmpty(), "the killed server left no call open");
        try (OpenDiallerServer again = OpenDiallerServer.start(config.withDialler(
                EngineSettings.defaults().withRealTime(false)))) {
            DSLContext dsl = again.database().dsl();

            assertEquals(0, dsl.fetchCount(table(name("calls_open"))));
            for (long callid : open) {
                assertEquals(108L, dsl.select(f("ocid")).from(table(name("cdr")))
                        .where(f("callid").eq(callid)).fetchOne(f("ocid")));
            }
            assertEquals(0, dsl.fetchCount(table(name("records")),
                    field(name("claimed_by")).isNotNull()));
            long attempts = dsl.select(org.jooq.impl.DSL.sum(field(name("attempts"),
                    Integer.class))).from(table(name("records"))).fetchOne(0, Long.class);
            long cdrs = dsl.fetchCount(table(name("cdr")), field(name("dtype")).eq("out"));
            assertEquals(attempts, cdrs, "attempts counted on records vs CDRs written");
            assertTrue(cdrs >= 30);
        }
    }

    private Process startChild(int port) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin",
                "java").toString(), "-cp", System.getProperty("java.class.path"),
                "org.opendialler.cli.Main", "serve", "--dialler", "--speed", "120",
                "--data", data.toString(), "--port", Integer.toString(port),
                "--host", "127.0.0.1", "--start", tenOClockInLondon());
        pb.environment().put("OPENDIALLER_BOOTSTRAP_USER", "admin");
        pb.environment().put("OPENDIALLER_BOOTSTRAP_PASSWORD", PASSWORD);
        pb.environment().remove("OPENDIALLER_DB_URL");
        pb.redirectErrorStream(true);
        pb.redirectOutput(data.resolve("child.log").toFile());
        return pb.start();
    }

    /**
     * The child dials UK numbers, so its virtual day starts inside their calling window
     * whatever the hour the test runs at.
     */
    private static String tenOClockInLondon() {
        ZoneId london = ZoneId.of("Europe/London");
        return LocalDate.now(london).atTime(10, 0).atZone(london).toOffsetDateTime().toString();
    }

    private static long cdrCount(EngineCentre centre) {
        long now = System.currentTimeMillis() / 1000;
        return centre.client.call("reporting.php", "cdr", "read", Map.of("range",
                (now - 86_400) + ":" + (now + 86_400), "fields", "callid", "limit", "1"))
                .path("total").asLong();
    }

    /** The child's calls placed whose outcome is not written: its rows of calls_open. */
    private static double callsInProgress(String base) {
        String metrics = get(base + "/metrics");
        Matcher m = IN_PROGRESS.matcher(metrics == null ? "" : metrics);
        double sum = 0;
        while (m.find()) {
            sum += Double.parseDouble(m.group(1));
        }
        return sum;
    }

    private static String get(String url) {
        try {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? r.body() : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static boolean healthy(String base) {
        return get(base + "/health") != null;
    }

    /** Polls a real child process, which no clock of ours can move. */
    private static void await(BooleanSupplier condition, String what) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
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
