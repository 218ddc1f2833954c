package org.opendialler.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
    void metricsHaveALatencyHistogramOfEachScriptRequest() {
        Api.Response probe = api.get("/database.php?method=queues&action=read&format=json"
                + "&token=" + api.token);
        String metrics = api.get("/metrics").body();

        String tags = "method=\"queues\",result=\"success\",script=\"database.php\"";
        List<double[]> buckets = new ArrayList<>();
        Matcher m = Pattern.compile("^opendialler_requests_seconds_bucket\\{" + Pattern.quote(tags)
                + ",le=\"([^\"]+)\"} (\\S+)$", Pattern.MULTILINE).matcher(metrics);
        while (m.find()) {
            double le = m.group(1).equals("+Inf") ? Double.POSITIVE_INFINITY
                    : Double.parseDouble(m.group(1));
            buckets.add(new double[] {le, Double.parseDouble(m.group(2))});
        }
        Matcher count = Pattern.compile("^opendialler_requests_seconds_count\\{"
                + Pattern.quote(tags) + "} (\\S+)$", Pattern.MULTILINE).matcher(metrics);

        assertTrue(probe.json().get("success").asBoolean(), probe.body());
        assertTrue(count.find(), metrics);
        assertTrue(buckets.size() > 10, "buckets: " + buckets.size());
        for (int i = 1; i < buckets.size(); i++) {
            assertTrue(buckets.get(i)[0] > buckets.get(i - 1)[0], "bounds rise");
            assertTrue(buckets.get(i)[1] >= buckets.get(i - 1)[1], "counts are cumulative");
        }
        double[] last = buckets.get(buckets.size() - 1);
        assertEquals(Double.POSITIVE_INFINITY, last[0]);
        assertEquals(Double.parseDouble(count.group(1)), last[1]);
        assertTrue(last[1] >= 1);
    }

    @Test
    void tenMegabytesUnderTheDefaultLimitAreReadWholeAndAnsweredAsDocumented() {
        try (TestServer roomy = TestServer.start()) {
            Api a = roomy.newCentre("Roomy");
            String validate = "/token.php?action=validate&token=" + a.token;
            int tenMegabytes = 10 * 1024 * 1024;
            byte[] form = new byte[tenMegabytes];
            Arrays.fill(form, (byte) 'a');
            String field = "b".repeat(tenMegabytes);
            String rows = rowsOf(tenMegabytes);

            Api.Response byForm = a.post(validate, "application/x-www-form-urlencoded", form);
            Api.Response byField = a.post(validate, "multipart/form-data; boundary=XyZ",
                    Api.multipart("XyZ", Map.of("padding", field), null));
            Api.Response byJson = a.post("/ecnow.php?method=ecnow_records&action=create"
                    + "&format=json&token=" + a.token, "application/json", rows);
            Api.Response byFile = a.post("/ecnow.php?method=ecnow_records&action=create"
                    + "&format=json&token=" + a.token, "multipart/form-data; boundary=XyZ",
                    Api.multipart("XyZ", Map.of(), rows));
            Api.Response after = a.get(validate);

            assertTrue(ServerConfig.DEFAULT_MAX_BODY_BYTES > tenMegabytes);
            assertTrue(byForm.json().get("success").asBoolean(), byForm.body());
            assertTrue(byField.json().get("success").asBoolean(), byField.body());
            // Refused while the request is read, before the token is looked at: no account_id.
            String tooMany = "{\"success\":false,"
                    + "\"error\":\"Too many rows: at most 25000 in one request\"}";
            assertEquals(tooMany, byJson.body());
            assertEquals(tooMany, byFile.body());
            assertEquals(200, after.status());
            assertTrue(after.json().get("success").asBoolean(), after.body());
        }
    }

    /** A JSON array of more than 25,000 small records, at least {@code bytes} long. */
    private static String rowsOf(int bytes) {
        StringBuilder rows = new StringBuilder("[");
        String row = "{\"dataset\":1,\"FirstName\":\"" + "x".repeat(300) + "\"},";
        while (rows.length() < bytes) {
            rows.append(row);
        }
        rows.setLength(rows.length() - 1);
        return rows.append(']').toString();
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
    void aChunkedBodyWithoutAContentLengthIsReadWhole() {
        String rows = "[{\"name\":\"Chunked\"}]";
        String query = "/ecnow.php?method=campaign_tables&action=create&format=json&token="
                + api.token;

        Api.Response r = api.raw("POST " + query + " HTTP/1.1\r\n"
                + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "8\r\n" + rows.substring(0, 8) + "\r\n"
                + Integer.toHexString(rows.length() - 8) + "\r\n" + rows.substring(8) + "\r\n"
                + "0\r\n\r\n");

        assertEquals(1, r.json().get("total").asInt(), r.body());
        assertEquals("Chunked", r.json().get("key").asText(), r.body());
    }

    @Test
    void aMalformedPercentEscapeIsKeptAsTextSoOnlyItsParametersOwnCheckFails() {
        Api.Response token = api.raw("GET /token.php?action=validate&token=%zz HTTP/1.1\r\n\r\n");
        Api.Response other = api.raw("GET /" + validate() + "&note=100%&x=%ZZ HTTP/1.1\r\n\r\n");

        assertEquals(200, token.status(), token.body());
        assertEquals("{\"success\":false,\"error\":\"Invalid token\"}", token.body());
        assertTrue(other.json().get("success").asBoolean(), other.body());
    }

    @Test
    void aQueryValueThatIsNotUtf8IsRefusedInTheFormatAsked() {
        Api.Response r = api.raw("GET /ecnow.php?method=ecnow_records&action=read&format=json"
                + "&token=" + api.token + "&table=Caf%E9 HTTP/1.1\r\n\r\n");

        assertEquals(200, r.status(), r.body());
        assertEquals("{\"success\":false,\"error\":\"Bad argument: table\"}", r.body());
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
                "{\"FirstName\":\"a\\ud800b\"}");
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
