package org.opendialler.ecnow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opendialler.testing.Api;
import org.opendialler.testing.TestServer;

/**
 * A read of one record by id, whose read goes to the database with the token check once the
 * node has seen the token, answers and refuses exactly as a read whose token is checked first.
 * A read with {@code limit} is always checked first, so it is the yardstick here.
 */
class ReadByIdWithTokenCheckApiTest {

    private static final String ALONG = "opendialler_token_checks_along_total";

    private static TestServer server;
    private static Api api;
    private static Ecnow ecnow;
    private static String table;
    private static long ds;
    private static long smith;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        api = server.newCentre("Along");
        ecnow = new Ecnow(api);
        table = ecnow.table("Along");
        ds = ecnow.dataset(table, "LIVE");
        smith = ecnow.record(ds, "\"LastName\":\"Smith\",\"HomePhone\":\"01234 567890\"");
        ecnow.record(ds, "\"LastName\":\"Jones\",\"HomePhone\":\"01234 567891\"");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static double along(Api caller) {
        return metric(caller, ALONG);
    }

    /** How many times the server has taken a connection from its pool: one per query here. */
    private static double connectionUses(Api caller) {
        return metric(caller, "hikaricp_connections_usage_seconds_count");
    }

    /** The value of the first series of that name in {@code /metrics}. */
    private static double metric(Api caller, String series) {
        String metrics = caller.get("/metrics").body();
        Matcher m = Pattern.compile("^" + Pattern.quote(series) + "(\\{[^}]*})? (\\S+)$",
                Pattern.MULTILINE).matcher(metrics);
        assertTrue(m.find(), metrics);
        return Double.parseDouble(m.group(2));
    }

    private static String byId(Api caller, String tableName, long id, String more) {
        return caller.get("/ecnow.php?method=ecnow_records&action=read&format=json&token="
                + caller.token + "&table=" + tableName + "&id=" + id + more).body();
    }

    @Test
    void aReadByIdSentWithTheTokenCheckAnswersTheRecordAsACheckedFirstReadDoes() {
        double before = along(api);

        String first = byId(api, table, smith, "");
        String second = byId(api, table, smith, "&dataset=" + ds);
        String checkedFirst = byId(api, table, smith, "&limit=5");

        JsonNode answer = api.get("/ecnow.php?method=ecnow_records&action=read&format=json"
                + "&token=" + api.token + "&table=" + table + "&id=" + smith).json();
        assertEquals(1, answer.get("total").asInt(), answer.toString());
        assertEquals("Smith", answer.get("list").get(0).get("LastName").asText());
        assertEquals(String.valueOf(api.ccid), answer.get("account_id").asText());
        assertEquals(checkedFirst, first);
        assertEquals(checkedFirst, second);
        assertEquals(before + 3, along(api));
    }

    @Test
    void aRecordOfAnotherDatasetOrNoRecordReadsAsEmpty() {
        long hold = ecnow.dataset(table, "HOLD");
        byId(api, table, smith, "");

        String elsewhere = byId(api, table, smith, "&dataset=" + hold);
        String missing = byId(api, table, smith + 1_000_000, "");

        assertEquals(byId(api, table, smith, "&dataset=" + hold + "&limit=5"), elsewhere);
        assertEquals(0, api.get("/ecnow.php?method=ecnow_records&action=read&format=json"
                + "&token=" + api.token + "&table=" + table + "&id=" + (smith + 1_000_000))
                .json().get("total").asInt());
        assertEquals(byId(api, table, smith + 1_000_000, "&limit=5"), missing);
    }

    @Test
    void aTokenRevokedSinceItsLastReadIsRefusedThoughTheNodeHasSeenIt() {
        Api revoked = server.newCentre("Revoked");
        new Ecnow(revoked).table("Along");
        byId(revoked, "Along", 1, "");
        double before = along(revoked);

        revoked.get("/token.php?action=revoke&token=" + revoked.token);
        String answer = byId(revoked, "Along", 1, "");

        assertEquals("{\"success\":false,\"error\":\"Invalid token\"}", answer);
        assertEquals(before + 1, along(revoked));
    }

    @Test
    void aSeenTokenNamingATableTheNodeKeepsNothingForIsCheckedBeforeAnyRead() {
        Api caller = server.newCentre("Unread");
        new Ecnow(caller).table("Along");
        byId(caller, "Along", 1, "");
        String checkedFirst = byId(caller, "Nope", 1, "&limit=5");

        double valid = connectionUses(caller);
        String missing = byId(caller, "Nope", 1, "");
        double validUses = connectionUses(caller) - valid;
        caller.get("/token.php?action=revoke&token=" + caller.token);
        double revoked = connectionUses(caller);
        String refused = byId(caller, "Nope", 1, "");
        double revokedUses = connectionUses(caller) - revoked;

        assertTrue(checkedFirst.contains("\"error\":\"Table [Nope] does not exist.\""),
                checkedFirst);
        assertEquals(checkedFirst, missing);
        assertEquals(2, validUses, "the token check, then the look for the table");
        assertEquals("{\"success\":false,\"error\":\"Invalid token\"}", refused);
        assertEquals(1, revokedUses, "the token check alone");
    }

    @Test
    void aTokenExpiredSinceItsLastReadIsRefusedWithExpireMinusOne() {
        try (TestServer brief = TestServer.start(c -> c.withTokenLifetime(
                Duration.ofSeconds(60)))) {
            Api a = brief.newCentre("Brief");
            new Ecnow(a).table("Brief");
            byId(a, "Brief", 1, "");

            brief.clock.advance(Duration.ofSeconds(61));
            String answer = byId(a, "Brief", 1, "");

            assertEquals("{\"success\":false,\"error\":\"Expired token\",\"expire\":-1}", answer);
        }
    }

    @Test
    void aCampaignThatIsAnotherCentreIsRefusedAsACheckedFirstReadIsRefused() {
        byId(api, table, smith, "");

        String other = byId(api, table, smith, "&campaign=" + (api.ccid + 1));
        String own = byId(api, table, smith, "&campaign=" + api.ccid);

        assertEquals("{\"success\":false,\"account_id\":\"" + api.ccid
                + "\",\"error\":\"Access denied\"}", other);
        assertEquals(byId(api, table, smith, "&campaign=" + (api.ccid + 1) + "&limit=5"),
                other);
        assertEquals(byId(api, table, smith, ""), own);
    }

    @Test
    void aTokenOfAnotherCentreWithATableOfTheSameNameReadsNothingOfThisOne() {
        Api other = server.newCentre("Same name");
        new Ecnow(other).table(table);
        byId(other, table, smith, "");

        JsonNode answer = api.get("/ecnow.php?method=ecnow_records&action=read&format=json"
                + "&token=" + other.token + "&table=" + table + "&id=" + smith).json();

        assertEquals(0, answer.get("total").asInt(), answer.toString());
        assertEquals(String.valueOf(other.ccid), answer.get("account_id").asText());
    }

    @Test
    void aTableMadeAgainOnAnotherNodeIsReadAtItsNewIdNotAtTheOneThisNodeSaw() {
        try (TestServer beside = TestServer.beside(server)) {
            Api again = server.newCentre("Again");
            Api there = new Api(beside.baseUrl(), again.ccid, again.username, again.password);
            there.token = again.token;
            Ecnow here = new Ecnow(again);
            long old = here.dataset(here.table("Again"), "LIVE");
            long oldRecord = here.record(old,
                    "\"LastName\":\"Old\",\"HomePhone\":\"01234 567892\"");
            assertEquals(1, total(byId(there, "Again", oldRecord, "")));

            here.write("ecnow_datasets", "update",
                    "[{\"dataset\":" + old + ",\"d_status\":\"EXPIRED\"}]");
            here.write("campaign_tables", "delete", "[{\"name\":\"Again\"}]");
            long fresh = here.record(here.dataset(here.table("Again"), "LIVE"),
                    "\"LastName\":\"New\",\"HomePhone\":\"01234 567893\"");
            double before = along(there);

            assertEquals(1, total(byId(there, "Again", fresh, "")));
            assertEquals(0, total(byId(there, "Again", oldRecord, "")));
            assertEquals(before + 2, along(there));
        }
    }

    @Test
    void aTokenOfTheWrongFormIsInvalidAndAReadByIdWithoutATableNeedsOne() {
        String wrong = api.get("/ecnow.php?method=ecnow_records&action=read&format=json"
                + "&token=not-a-token&table=" + table + "&id=" + smith).body();
        String noTable = api.get("/ecnow.php?method=ecnow_records&action=read&format=json"
                + "&token=" + api.token + "&id=" + smith).body();

        assertEquals("{\"success\":false,\"error\":\"Invalid token\"}", wrong);
        assertEquals("{\"success\":false,\"account_id\":\"" + api.ccid
                + "\",\"error\":\"Missing table or dataset\"}", noTable);
    }

    /** The total of a JSON answer, which must have succeeded. */
    private static int total(String body) {
        JsonNode answer = new Api.Response(200, "application/json", body).json();
        assertTrue(answer.get("success").asBoolean(), body);
        return answer.get("total").asInt();
    }
}
