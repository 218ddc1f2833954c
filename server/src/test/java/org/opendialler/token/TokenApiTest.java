package org.opendialler.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opendialler.testing.Api;
import org.opendialler.testing.TestServer;

class TokenApiTest {

    private static TestServer server;
    private static Api api;

    @BeforeAll
    static void start() {
        server = TestServer.start(c -> c.withTrustedProxies(List.of("127.0.0.0/8")));
        api = server.newCentre("Token Tests");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String getQuery(String username, String password) {
        return "/token.php?action=get&username=" + Api.enc(username) + "&password="
                + Api.enc(password);
    }

    @Test
    void getAnswersFortyHexTokenExpiringAfterTheLifetime() {
        Api api = server.newCentre("Fresh");
        long issued = server.clock.instant().getEpochSecond();

        JsonNode answer = api.get(getQuery(api.username, api.password)).json();

        assertTrue(answer.get("success").asBoolean());
        assertTrue(answer.get("token").asText().matches("[0-9a-f]{40}"), answer.toString());
        assertEquals(issued + 43_199, answer.get("expire").asLong());
        assertEquals(List.of("success", "token", "expire"), fieldNames(answer));
    }

    @Test
    void getAgainAnswersTheSameTokenAndExpiry() {
        JsonNode first = api.get(getQuery(api.username, api.password)).json();
        server.clock.advance(Duration.ofMinutes(5));

        JsonNode second = api.get(getQuery(api.username, api.password)).json();

        assertEquals(first.get("token"), second.get("token"));
        assertEquals(first.get("expire"), second.get("expire"));
    }

    @Test
    void phpWrapperShapeGetWithFormContentTypeAndEmptyExpectWorks() {
        Api api = server.newCentre("PHP");

        Api.Response r = api.raw("GET /token.php?action=get&format=json&username="
                + api.username + "&password=" + api.password + " HTTP/1.1\r\n"
                + "Content-Type: application/x-www-form-urlencoded\r\nExpect:\r\n\r\n");

        assertEquals(200, r.status());
        assertTrue(r.contentType().startsWith("application/json"), r.contentType());
        assertEquals(api.token, r.json().get("token").asText());
    }

    @Test
    void credentialsInAFormBodyOrMultipartWork() {
        Api api = server.newCentre("Forms");
        String form = "action=get&username=" + Api.enc(api.username) + "&password="
                + Api.enc(api.password);
        JsonNode byForm = api.post("/token.php", "application/x-www-form-urlencoded", form)
                .json();
        byte[] multipart = Api.multipart("XyZ", Map.of("action", "get", "username",
                api.username, "password", api.password), null);
        JsonNode byMultipart = api.post("/token.php", "multipart/form-data; boundary=XyZ",
                multipart).json();

        assertEquals(api.token, byForm.get("token").asText());
        assertEquals(api.token, byMultipart.get("token").asText());
    }

    @Test
    void validateAnswersTheExpiry() {
        Api api = server.newCentre("Validate");
        JsonNode got = api.get(getQuery(api.username, api.password)).json();

        JsonNode answer = api.get("/token.php?action=validate&token=" + api.token).json();

        assertEquals(Map.of("success", true, "expire", got.get("expire").asLong()),
                Map.of("success", answer.get("success").asBoolean(),
                        "expire", answer.get("expire").asLong()));
    }

    @Test
    void wrongPasswordAndUnknownUserGetTheSameAnswer() {
        JsonNode wrong = api.get(getQuery(api.username, "not-the-password")).json();
        JsonNode unknown = api.get(getQuery("nobody-here", "whatever-pass")).json();

        assertEquals("{\"success\":false,\"error\":\"Authentication failure\"}",
                wrong.toString());
        assertEquals(wrong, unknown);
    }

    @Test
    void tokenPastItsLifetimeIsExpiredWithExpireMinusOne() {
        Api fresh = server.newCentre("Expiring");
        server.clock.advance(Duration.ofSeconds(43_199));

        JsonNode answer = fresh.get("/token.php?action=validate&token=" + fresh.token).json();
        JsonNode again = fresh.get(getQuery(fresh.username, fresh.password)).json();

        assertEquals("{\"success\":false,\"error\":\"Expired token\",\"expire\":-1}",
                answer.toString());
        assertNotEquals(fresh.token, again.get("token").asText());
    }

    @Test
    void tokenBoundToAddressListIsInvalidFromAnyOtherAddress() {
        Api other = server.newCentre("Bound");
        JsonNode bound = other.get(getQuery(other.username, other.password)
                + "&address=192.0.2.10,192.0.2.11").json();
        String token = bound.get("token").asText();

        JsonNode fromHere = other.get("/token.php?action=validate&token=" + token).json();
        JsonNode fromListed = Api.send(HttpRequest.newBuilder(URI.create(other.base
                        + "/token.php?action=validate&token=" + token))
                .header("X-Forwarded-For", "192.0.2.11").GET()).json();

        assertEquals("Invalid token", fromHere.get("error").asText());
        assertTrue(fromListed.get("success").asBoolean(), fromListed.toString());
        assertNotEquals(other.token, token);
    }

    @Test
    void forwardedForIsBelievedOnlyFromTrustedProxies() throws Exception {
        try (TestServer untrusting = TestServer.start()) {
            Api a = untrusting.newCentre("No proxies");

            JsonNode answer = Api.send(HttpRequest.newBuilder(URI.create(a.base
                            + "/token.php?action=validate&token=" + a.token))
                    .header("X-Forwarded-For", "198.51.100.7").GET()).json();

            assertTrue(answer.get("success").asBoolean(), answer.toString());
        }
    }

    @Test
    void badAddressListIsABadArgument() {
        JsonNode answer = api.get(getQuery(api.username, api.password)
                + "&address=example.com").json();

        assertEquals("Bad argument: address", answer.get("error").asText());
    }

    @Test
    void revokedTokenIsInvalid() {
        Api other = server.newCentre("Revoking");

        JsonNode revoked = other.get("/token.php?action=revoke&token=" + other.token).json();
        JsonNode after = other.get("/token.php?action=validate&token=" + other.token).json();

        assertEquals("{\"success\":true}", revoked.toString());
        assertEquals("Invalid token", after.get("error").asText());
    }

    @Test
    void malformedOrUnknownTokenIsInvalid() {
        JsonNode malformed = api.get("/token.php?action=validate&token=xyz").json();
        JsonNode unknown = api.get("/token.php?action=validate&token="
                + "0123456789abcdef0123456789abcdef01234567").json();

        assertEquals("Invalid token", malformed.get("error").asText());
        assertEquals("Invalid token", unknown.get("error").asText());
    }

    @Test
    void xmlFormatAnswersTheResultDocument() {
        Api api = server.newCentre("XML");
        Api.Response r = api.get(getQuery(api.username, api.password) + "&format=xml");

        assertTrue(r.contentType().startsWith("application/xml"), r.contentType());
        assertTrue(r.body().startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"), r.body());
        assertTrue(r.body().contains("<result><success>1</success><token>" + api.token
                + "</token><expire>"), r.body());
    }

    @Test
    void repeatedFailuresAreRefusedEvenWithTheRightPassword() {
        Api victim = server.newCentre("Throttled");
        for (int i = 0; i < LoginThrottle.REFUSE_AFTER; i++) {
            victim.get(getQuery(victim.username, "wrong-" + i));
        }

        JsonNode right = victim.get(getQuery(victim.username, victim.password)).json();
        server.clock.advance(LoginThrottle.WINDOW.plusSeconds(1));
        JsonNode later = victim.get(getQuery(victim.username, victim.password)).json();

        assertFalse(right.get("success").asBoolean());
        assertEquals("Authentication failure", right.get("error").asText());
        assertTrue(later.get("success").asBoolean(), later.toString());
    }

    @Test
    void unknownActionIsRefusedInTheEnvelope() {
        JsonNode answer = api.get("/token.php?action=steal").json();

        assertEquals("{\"success\":false,\"error\":\"Unknown action\"}", answer.toString());
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** {@code get} as a client at {@code ip} behind the trusted proxy (the test's loopback). */
    private static JsonNode getFrom(String ip, String username, String password) {
        return Api.send(HttpRequest.newBuilder(URI.create(server.baseUrl()
                + getQuery(username, password))).header("X-Forwarded-For", ip).GET()).json();
    }

    private static void assertRefused(JsonNode answer) {
        assertEquals("{\"success\":false,\"error\":\"Authentication failure\"}",
                answer.toString());
    }

    @Test
    void aServerWithASixtySecondLifetimeAnswersExpireSixtySecondsOn() {
        try (TestServer brief = TestServer.start(c -> c.withTokenLifetime(
                Duration.ofSeconds(60)))) {
            Api a = brief.newCentre("Brief");
            long now = brief.clock.instant().getEpochSecond();

            JsonNode got = a.get(getQuery(a.username, a.password)).json();
            brief.clock.advance(Duration.ofSeconds(59));
            JsonNode lastSecond = a.get("/token.php?action=validate&token=" + a.token).json();
            brief.clock.advance(Duration.ofSeconds(1));
            JsonNode over = a.get("/token.php?action=validate&token=" + a.token).json();

            assertEquals(now + 60, got.get("expire").asLong());
            assertEquals(now + 60, lastSecond.get("expire").asLong());
            assertEquals("{\"success\":false,\"error\":\"Expired token\",\"expire\":-1}",
                    over.toString());
        }
    }

    @Test
    void failuresOfOneUserFromOneAddressRefuseThatUserAnywhereAndAnyUserThere() {
        Api a = server.newCentre("User A");
        Api b = server.newCentre("User B");
        for (int i = 0; i < LoginThrottle.REFUSE_AFTER; i++) {
            getFrom("192.0.2.21", a.username, "wrong-" + i);
        }
        double refusedBefore = metric("opendialler_login_refused_total");

        JsonNode aElsewhere = getFrom("192.0.2.22", a.username, a.password);
        JsonNode bThere = getFrom("192.0.2.21", b.username, b.password);
        JsonNode bElsewhere = getFrom("192.0.2.23", b.username, b.password);

        assertRefused(aElsewhere);
        assertRefused(bThere);
        assertTrue(bElsewhere.get("success").asBoolean(), bElsewhere.toString());
        assertEquals(2, metric("opendialler_login_refused_total") - refusedBefore);
    }

    @Test
    void theUserCounterAloneRefusesAUserGuessedAtFromManyAddresses() {
        Api a = server.newCentre("Spread A");
        Api b = server.newCentre("Spread B");
        for (int i = 0; i < LoginThrottle.REFUSE_AFTER; i++) {
            getFrom("192.0.2." + (101 + i), a.username, "wrong-" + i);
        }

        JsonNode aFresh = getFrom("192.0.2.120", a.username, a.password);
        JsonNode bWhereAFailedOnce = getFrom("192.0.2.101", b.username, b.password);

        assertRefused(aFresh);
        assertTrue(bWhereAFailedOnce.get("success").asBoolean(), bWhereAFailedOnce.toString());
    }

    @Test
    void theAddressCounterAloneRefusesEveryUserFromAnAddressGuessingManyNames() {
        Api c = server.newCentre("Spread C");
        for (int i = 0; i < LoginThrottle.REFUSE_AFTER; i++) {
            getFrom("198.51.100.9", "guess-" + i, "wrong-" + i);
        }

        JsonNode cThere = getFrom("198.51.100.9", c.username, c.password);
        JsonNode cElsewhere = getFrom("198.51.100.10", c.username, c.password);

        assertRefused(cThere);
        assertTrue(cElsewhere.get("success").asBoolean(), cElsewhere.toString());
    }

    @Test
    void afterFiveFailuresEachAttemptIsHeldAQuarterSecondLongerUntilASuccess() {
        Api v = server.newCentre("Slowed");
        String ip = "203.0.113.7";
        double[] start = held();
        for (int i = 0; i < LoginThrottle.SLOW_AFTER; i++) {
            getFrom(ip, v.username, "wrong-" + i);
        }
        double[] five = held();

        getFrom(ip, v.username, "wrong-6");
        double[] six = held();
        getFrom(ip, v.username, "wrong-7");
        double[] seven = held();
        JsonNode right = getFrom(ip, v.username, v.password);
        double[] success = held();
        getFrom(ip, v.username, "wrong-again");
        double[] after = held();

        // Holds the server decided (count, seconds), read from /metrics, not timed here.
        assertHeld(0, 0, start, five);
        assertHeld(1, 0.25, five, six);
        assertHeld(1, 0.5, six, seven);
        assertTrue(right.get("success").asBoolean(), right.toString());
        assertHeld(1, 0.75, seven, success);
        assertHeld(0, 0, success, after);
    }

    private static void assertHeld(int count, double seconds, double[] from, double[] to) {
        assertEquals(count, to[0] - from[0], 1e-9, "holds");
        assertEquals(seconds, to[1] - from[1], 1e-9, "seconds held");
    }

    /** The throttle's holds so far: their count and their total in seconds. */
    private static double[] held() {
        return new double[] {metric("opendialler_login_held_seconds_count"),
            metric("opendialler_login_held_seconds_sum")};
    }

    private static double metric(String name) {
        String metrics = api.get("/metrics").body();
        Matcher m = Pattern.compile("^" + name + "(\\{[^}]*})? (\\S+)$", Pattern.MULTILINE)
                .matcher(metrics);
        if (!m.find()) {
            throw new AssertionError(name + " is not in /metrics:\n" + metrics);
        }
        return Double.parseDouble(m.group(2));
    }

    @Test
    void theTokenTableHoldsOnlyHashesNeverATokensText() throws Exception {
        Api h = server.newCentre("Hashes");
        String bound = h.get(getQuery(h.username, h.password) + "&address=192.0.2.77").json()
                .get("token").asText();
        List<String> issued = List.of(h.token, bound);

        var rows = server.server().database().dsl().selectFrom(DSL.table(DSL.name("tokens")))
                .fetch();
        List<String> hashes = new java.util.ArrayList<>();
        for (Record row : rows) {
            for (int i = 0; i < row.size(); i++) {
                String value = String.valueOf(row.get(i));
                assertFalse(value.matches("[0-9a-fA-F]{40}"),
                        row.field(i).getName() + " holds 40 hex characters: " + value);
                for (String token : issued) {
                    assertFalse(value.toLowerCase().contains(token), row.field(i).getName());
                }
            }
            hashes.add(row.get(DSL.field(DSL.name("token_hash"), String.class)));
        }

        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        for (String token : issued) {
            String hash = HexFormat.of().formatHex(sha256.digest(
                    token.getBytes(StandardCharsets.US_ASCII)));
            assertTrue(hashes.contains(hash), "no row holds the SHA-256 of a token issued");
        }
    }
}
