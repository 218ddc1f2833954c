package org.opendialler.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opendialler.testing.Api;
import org.opendialler.testing.TestServer;

class ServerOperationsTest {

    private static final int LIMIT = 1024 * 1024;
    private static TestServer server;
    private static Api api;

    @BeforeAll
    static void start() {
        server = TestServer.start(c -> c.withMaxBodyBytes(LIMIT));
        api = server.newCentre("Operations");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private String validate() {
        return "token.php?action=validate&token=" + api.token;
    }

    @Test
    void unknownScriptIsAPlain404() {
        Api.Response r = api.get("/nothing.php?action=get");

        assertEquals(404, r.status());
        assertEquals("Not found\n", r.body());
    }

    @Test
    void scriptsAnswerAtTheRootUnderApiAndWithDoubledSlashes() {
        for (String path : List.of("/", "/api/", "//", "/api//")) {
            Api.Response r = api.get(path + validate());

            assertEquals(200, r.status(), path);
            assertTrue(r.json().get("success").asBoolean(), path + " " + r.body());
        }
    }

    @Test
    void healthIsOkWhileTheDatabaseAnswers() {
        Api.Response r = api.get("/health");

        assertEquals(200, r.status());
        assertEquals("ok\n", r.body());
    }

    @Test
    void metricsCountRequestsByScriptMethodAndResult() {
        api.get("/" + validate());
        api.get("/token.php?action=validate&token=bad");

        String metrics = api.get("/metrics").body();

        assertTrue(metrics.contains("opendialler_requests_seconds_count{method=\"none\","
                + "result=\"success\",script=\"token.php\"}"), metrics);
        assertTrue(metrics.contains("result=\"error\",script=\"token.php\""), metrics);
        assertTrue(metrics.contains("hikaricp_connections_active"), metrics);
    }

    @Test
    void aBodyOverTheLimitGetsAnEnvelopeAndTheServerKeepsServing() {
        byte[] tenMegabytes = new byte[10 * 1024 * 1024];
        Arrays.fill(tenMegabytes, (byte) 'a');

        Api.Response r = api.post("/" + validate(), "application/x-www-form-urlencoded",
                tenMegabytes);
        Api.Response after = api.get("/" + validate());

        assertEquals(200, r.status());
        assertEquals("Request body too large: the limit is " + LIMIT + " bytes",
                r.json().get("error").asText());
        assertTrue(after.json().get("success").asBoolean());
    }

    @Test
    void aLargeMalformedJsonBodyIsInvalidJson() {
        String body = "[" + "{\"a\":1},".repeat(100_000) + "{\"a\":";

        Api.Response r = api.post("/" + validate(), "application/json", body);

        assertEquals(200, r.status());
        assertTrue(r.json().get("error").asText().startsWith("Invalid JSON: "), r.body());
    }

    @Test
    void aMalformedPercentEscapeRefusesItsParameterRatherThanDroppingIt() {
        Api.Response r = api.raw("GET /token.php?action=validate&token=%zz HTTP/1.1\r\n\r\n");

        assertEquals(200, r.status(), r.body());
        assertEquals("{\"success\":false,\"error\":\"Bad argument: token\"}", r.body());
    }

    @Test
    void whatJettyRefusesBeforeAnyScriptIsStillAnEnvelope() {
        Api.Response longUrl = api.get("/token.php?action=get&username=u&password="
                + "p".repeat(20_000));
        Api.Response dotDot = api.raw("GET /%2e%2e/token.php?action=get HTTP/1.1\r\n\r\n");

        assertTrue(longUrl.status() >= 400, longUrl.body());
        assertTrue(longUrl.body().startsWith("{\"success\":false,\"error\":\"Bad request"),
                longUrl.body());
        assertTrue(dotDot.body().startsWith("{\"success\":false,\"error\":"), dotDot.body());
    }

    @Test
    void aMalformedMultipartBodyIsABadArgumentNotACrash() {
        Api.Response r = api.post("/token.php?action=validate&token=" + api.token,
                "multipart/form-data; boundary=XyZ", "garbage");

        assertEquals(200, r.status(), r.body());
        assertEquals("Bad argument: multipart body", r.json().get("error").asText());
    }

    @Test
    void aLoneSurrogateIsRefusedLikeANul() {
        Api.Response row = api.post("/" + validate(), "application/json",
                "[{\"FirstName\":\"a\\ud800b\"}]");
        assertEquals("Bad argument: a value holds an unpaired surrogate",
                row.json().get("error").asText());
    }

    @Test
    void methodsAScriptLacksShareOneMetricsTag() {
        for (String m : List.of("probe_one", "probe_two", "probe_three")) {
            api.get("/token.php?action=validate&method=" + m + "&token=" + api.token);
        }

        String metrics = api.get("/metrics").body();

        assertTrue(!metrics.contains("probe_one") && !metrics.contains("probe_three"), metrics);
    }

    @Test
    void aNulByteInAValueGetsTheEnvelope() {
        JsonNode answer = api.get("/token.php?action=get&username=a%00b&password=x").json();

        assertEquals("{\"success\":false,\"error\":\"Bad argument: username\"}",
                answer.toString());
    }

    @Test
    void bootstrapMakesTheCentreAndUserOnceAndTheUserCanLogIn() {
        ServerConfig.Bootstrap wanted = new ServerConfig.Bootstrap("Boot", "boot-admin",
                "boot-password");
        try (TestServer booted = TestServer.start(c -> c.withBootstrap(wanted))) {
            Api boot = new Api(booted.baseUrl(), 0, "boot-admin", "boot-password");

            boot.login();

            assertEquals(1, booted.server().tenancy().centres().size());
            assertEquals("Boot", booted.server().tenancy().centres().get(0).name());
        }
    }

    @Test
    void aDatabaseFailureIsA500WithAnEnvelopeAndHealthSays503() {
        try (TestServer broken = TestServer.start()) {
            Api a = broken.newCentre("Broken");
            broken.server().database().close();

            Api.Response crash = a.get("/" + "token.php?action=validate&token=" + a.token);
            Api.Response health = a.get("/health");

            assertEquals(500, crash.status());
            assertEquals("{\"success\":false,\"error\":\"Internal server error\"}",
                    new String(crash.body().getBytes(StandardCharsets.UTF_8),
                            StandardCharsets.UTF_8));
            assertEquals(503, health.status());
        }
    }
}
