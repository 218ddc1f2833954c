package org.opendialler.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opendialler.testing.Api;
import org.opendialler.testing.TestServer;

class DatabaseApiTest {

    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static JsonNode write(Api api, String method, String action, String rows) {
        return api.write("database.php", method, action, rows);
    }

    static JsonNode read(Api api, String method, Map<String, String> filters) {
        return api.read("database.php", method, filters);
    }

    static long create(Api api, String method, String row) {
        JsonNode answer = write(api, method, "create", "[" + row + "]");
        assertEquals(1, answer.path("total").asInt(), answer.toString());
        return answer.get("key").asLong();
    }

    static List<String> values(JsonNode list, String key) {
        List<String> out = new ArrayList<>();
        list.forEach(item -> out.add(item.path(key).asText()));
        return out;
    }

    @Test
    void outcomecodesListTheSystemCodesThenTheCentresOwn() {
        Api a = server.newCentre("A");
        long own = create(a, "outcomecodes", "{\"description\":\"Sale\",\"sale\":\"Y\"}");

        JsonNode all = read(a, "outcomecodes", Map.of());
        JsonNode system = read(a, "outcomecodes", Map.of("mode", "system"));
        JsonNode one = read(a, "outcomecodes", Map.of("uid", String.valueOf(own)));

        assertEquals(14, all.get("total").asInt());
        assertEquals(13, system.get("total").asInt());
        assertEquals("100", system.get("list").get(0).get("outcome").asText());
        assertEquals("Y", system.get("list").get(5).get("complete").asText());
        assertTrue(own >= 200, "own codes are large numbers");
        JsonNode row = one.get("list").get(0);
        assertEquals("Sale", row.get("description").asText());
        assertEquals("Y", row.get("sale").asText());
        assertEquals("N", row.get("complete").asText());
        assertEquals("0", row.get("answerphone").asText());
    }

    @Test
    void outcomecodesUpdateAndDeleteOwnButNeverSystemCodes() {
        Api a = server.newCentre("A");
        long own = create(a, "outcomecodes", "{\"description\":\"Callback later\"}");

        JsonNode updated = write(a, "outcomecodes", "update",
                "[{\"outcome\":" + own + ",\"complete\":\"Y\",\"answerphone\":1}]");
        JsonNode system = write(a, "outcomecodes", "update",
                "[{\"outcome\":105,\"description\":\"Mine now\"}]");
        JsonNode deleteSystem = write(a, "outcomecodes", "delete", "[{\"outcome\":100}]");
        JsonNode row = read(a, "outcomecodes", Map.of("uid", "" + own)).get("list").get(0);
        JsonNode deleted = write(a, "outcomecodes", "delete", "[{\"outcome\":" + own + "}]");

        assertEquals(1, updated.get("total").asInt());
        assertEquals("Y", row.get("complete").asText());
        assertEquals("1", row.get("answerphone").asText());
        assertEquals("Outcome 105 is a system code and read-only", system.get("error").asText());
        assertEquals(0, system.get("total").asInt());
        assertEquals(1, deleteSystem.get("bad").asInt());
        assertEquals(1, deleted.get("total").asInt());
        assertEquals(0, read(a, "outcomecodes", Map.of("uid", "" + own)).get("total").asInt());
    }

    @Test
    void outcomecodesRefuseABadFlagAndAMissingDescription() {
        Api a = server.newCentre("A");

        JsonNode answer = write(a, "outcomecodes", "create",
                "[{\"description\":\"ok\"},{\"description\":\"x\",\"sale\":\"maybe\"},{}]");

        assertEquals(1, answer.get("total").asInt());
        assertEquals(2, answer.get("bad").asInt());
        assertEquals(1, answer.get("errors").get(0).get("index").asInt());
        assertEquals("Bad argument: sale (Y or N)",
                answer.get("errors").get(0).get("error").asText());
        assertEquals("Missing description", answer.get("errors").get(1).get("error").asText());
    }

    @Test
    void queuesOfEveryTypeWithDialerDefaults() {
        Api a = server.newCentre("A");
        a.campaignTable("Willtest");
        List<String> types = List.of("inbound", "outbound", "ivr", "broadcast", "message",
                "sms_out", "sms_broadcast");

        for (String type : types) {
            String table = type.equals("outbound") ? ",\"table\":\"Willtest\"" : "";
            create(a, "queues", "{\"type\":\"" + type + "\",\"description\":\"Q " + type + "\""
                    + table + "}");
        }
        JsonNode all = read(a, "queues", Map.of());
        JsonNode outbound = read(a, "queues", Map.of("type", "outbound")).get("list").get(0);

        assertEquals(7, all.get("total").asInt());
        assertEquals(types, values(all.get("list"), "type"));
        assertEquals("Willtest", outbound.get("table").asText());
        assertEquals("3", outbound.get("abandon_target").asText());
        assertEquals("15", outbound.get("ring_time").asText());
        assertEquals("08:00-21:00", outbound.get("call_hours").asText());
        assertEquals("progressive", outbound.get("dial_mode").asText());
        assertEquals("N", outbound.get("live").asText());
        for (String key : List.of("qid", "type", "description", "callerid", "campaignid",
                "table", "announce", "monitor", "amd", "level", "key", "sequential", "redirect",
                "max_wait", "sametime", "autohangup", "tod", "announce_jump",
                "max_wait_redirect", "filter", "tpt_record", "alt_redirect", "redirect_id",
                "announce_vm", "aod_ringtime", "aod_maxdial", "aod_passthru", "stop_monitor",
                "numbers", "dial_mode", "max_ratio", "abandon_target", "ring_time", "wrap_time",
                "call_hours", "max_attempts", "retry_minutes", "amd_fp_rate")) {
            assertTrue(outbound.has(key), key);
        }
    }

    @Test
    void queuesKeepEveryDialerKeyAndRefuseBadOnes() {
        Api a = server.newCentre("A");
        a.campaignTable("Sales");
        long qid = create(a, "queues", "{\"type\":\"outbound\",\"table\":\"Sales\","
                + "\"dial_mode\":\"predictive\",\"max_ratio\":\"2.5\",\"abandon_target\":2,"
                + "\"ring_time\":20,\"wrap_time\":45,\"call_hours\":\"09:00-20:00\","
                + "\"max_attempts\":5,\"retry_minutes\":120,\"amd\":\"Y\",\"key\":\"k1\"}");

        JsonNode row = read(a, "queues", Map.of("qid", "" + qid)).get("list").get(0);
        JsonNode bad = write(a, "queues", "create", "[{\"type\":\"inbound\",\"ring_time\":14},"
                + "{\"type\":\"inbound\",\"call_hours\":\"21:00-08:00\"},"
                + "{\"type\":\"inbound\",\"dial_mode\":\"turbo\"},{\"type\":\"fax\"},"
                + "{\"type\":\"outbound\"}]");

        assertEquals("predictive", row.get("dial_mode").asText());
        assertEquals("2.5", row.get("max_ratio").asText());
        assertEquals("2", row.get("abandon_target").asText());
        assertEquals("20", row.get("ring_time").asText());
        assertEquals("45", row.get("wrap_time").asText());
        assertEquals("09:00-20:00", row.get("call_hours").asText());
        assertEquals("5", row.get("max_attempts").asText());
        assertEquals("120", row.get("retry_minutes").asText());
        assertEquals("k1", row.get("key").asText());
        assertEquals(0, bad.get("total").asInt());
        assertEquals(5, bad.get("bad").asInt());
        assertTrue(bad.get("errors").get(0).get("error").asText()
                .startsWith("Bad argument: ring_time"));
        assertEquals("An outbound queue needs a table",
                bad.get("errors").get(4).get("error").asText());
    }

    @Test
    void amdFalsePositiveRateIsAPercentFromZeroToAHundredDefaultFive() {
        Api a = server.newCentre("A");
        a.campaignTable("Sales");
        long plain = create(a, "queues", "{\"type\":\"outbound\",\"table\":\"Sales\"}");
        long own = create(a, "queues", "{\"type\":\"outbound\",\"table\":\"Sales\","
                + "\"amd_fp_rate\":\"12.5\"}");

        String created = read(a, "queues", Map.of("qid", "" + own)).get("list").get(0)
                .get("amd_fp_rate").asText();
        JsonNode bad = write(a, "queues", "create",
                "[{\"type\":\"inbound\",\"amd_fp_rate\":101},"
                + "{\"type\":\"inbound\",\"amd_fp_rate\":-1},"
                + "{\"type\":\"inbound\",\"amd_fp_rate\":\"five\"}]");
        JsonNode edges = write(a, "queues", "update", "[{\"qid\":" + plain
                + ",\"amd_fp_rate\":0},{\"qid\":" + own + ",\"amd_fp_rate\":100}]");
        JsonNode refusedUpdate = write(a, "queues", "update", "[{\"qid\":" + own
                + ",\"amd_fp_rate\":100.01}]");
        JsonNode fresh = read(a, "queues", Map.of("qid", "" + create(a, "queues",
                "{\"type\":\"outbound\",\"table\":\"Sales\"}"))).get("list").get(0);
        JsonNode ownRead = read(a, "queues", Map.of("qid", "" + own)).get("list").get(0);
        JsonNode plainRead = read(a, "queues", Map.of("qid", "" + plain)).get("list").get(0);

        assertEquals("12.5", created);
        assertEquals("5", fresh.get("amd_fp_rate").asText());
        assertEquals(0, bad.get("total").asInt());
        assertEquals(3, bad.get("bad").asInt());
        for (JsonNode e : bad.get("errors")) {
            assertEquals("Bad argument: amd_fp_rate (a number from 0 to 100)",
                    e.get("error").asText());
        }
        assertEquals(2, edges.get("total").asInt(), edges.toString());
        assertEquals(0, refusedUpdate.get("total").asInt());
        assertEquals("100", ownRead.get("amd_fp_rate").asText());
        assertEquals("0", plainRead.get("amd_fp_rate").asText());
    }

    @Test
    void anOutboundQueueCannotGoLiveWithoutCallerId() {
        Api a = server.newCentre("A");
        a.campaignTable("Sales");
        long qid = create(a, "queues", "{\"type\":\"outbound\",\"table\":\"Sales\"}");

        JsonNode refused = write(a, "queues", "update", "[{\"qid\":" + qid + ",\"live\":\"Y\"}]");
        JsonNode live = write(a, "queues", "update",
                "[{\"qid\":" + qid + ",\"live\":\"Y\",\"callerid\":\"01632 960 123\"}]");
        JsonNode clear = write(a, "queues", "update", "[{\"qid\":" + qid + ",\"callerid\":\"\"}]");
        var queue = new Queues(server.server().database()).find(a.ccid, qid).orElseThrow();

        assertEquals("An outbound queue cannot go live without callerid",
                refused.get("error").asText());
        assertEquals(1, live.get("total").asInt());
        assertEquals(0, clear.get("total").asInt());
        assertTrue(queue.live());
        assertEquals("+441632960123", queue.callerId());
        assertEquals("Sales", queue.table());
    }

    @Test
    void agentsKeepAHashedPasswordNeverReadBackAndAUniqueLogin() {
        Api a = server.newCentre("A");
        long team = create(a, "teams",
                "{\"name\":\"Blue\",\"middleware\":\"https://m.example/t\"}");
        long agent = create(a, "agents", "{\"firstname\":\"Ann\",\"lastname\":\"Lee\","
                + "\"login\":\"ann\",\"password\":\"pw-1234\",\"team\":" + team
                + ",\"email\":\"ann@example.com\",\"middleware\":\"https://m.example/a\"}");

        JsonNode row = read(a, "agents", Map.of("agentid", "" + agent)).get("list").get(0);
        JsonNode again = write(a, "agents", "create",
                "[{\"login\":\"ann\",\"password\":\"x1234\"}]");
        var hashField = org.jooq.impl.DSL.field(org.jooq.impl.DSL.name("password_hash"),
                String.class);
        String hash = server.server().database().dsl().select(hashField).from(Agents.TABLE)
                .where(Agents.AGENTID.eq(agent)).fetchOne(hashField);
        JsonNode teamRow = read(a, "teams", Map.of()).get("list").get(0);

        assertFalse(row.has("password"));
        assertEquals("ann", row.get("login").asText());
        assertEquals("" + team, row.get("team").asText());
        assertEquals("Y", row.get("active").asText());
        assertEquals("https://m.example/a", row.get("middleware").asText());
        assertTrue(org.opendialler.tenancy.Passwords.matches("pw-1234", hash));
        assertEquals("Login already exists: ann", again.get("error").asText());
        assertEquals("https://m.example/t", teamRow.get("middleware").asText());
    }

    @Test
    void agentsUpdateWithoutPasswordKeepsIt() {
        Api a = server.newCentre("A");
        long agent = create(a, "agents", "{\"login\":\"bob\",\"password\":\"pw-1234\"}");

        JsonNode updated = write(a, "agents", "update",
                "[{\"agentid\":" + agent + ",\"firstname\":\"Bob\",\"level\":50}]");
        JsonNode row = read(a, "agents", Map.of()).get("list").get(0);
        JsonNode badTeam = write(a, "agents", "update",
                "[{\"agentid\":" + agent + ",\"team\":999999}]");

        assertEquals(1, updated.get("total").asInt());
        assertEquals("Bob", row.get("firstname").asText());
        assertEquals("50", row.get("level").asText());
        assertEquals("No such team: 999999", badTeam.get("error").asText());
    }

    @Test
    void priorityLinksAnAgentToAQueueAtALevel() {
        Api a = server.newCentre("A");
        long agent = create(a, "agents", "{\"login\":\"p\",\"password\":\"pw-1234\"}");
        long q1 = create(a, "queues", "{\"type\":\"inbound\"}");
        long q2 = create(a, "queues", "{\"type\":\"inbound\"}");

        write(a, "priority", "create", "[{\"agentid\":" + agent + ",\"qid\":" + q1
                + ",\"level\":10},{\"agentid\":" + agent + ",\"qid\":" + q2 + ",\"level\":20}]");
        JsonNode update = write(a, "priority", "update",
                "[{\"agentid\":" + agent + ",\"qid\":" + q1 + ",\"level\":90}]");
        JsonNode badLevel = write(a, "priority", "create",
                "[{\"agentid\":" + agent + ",\"qid\":" + q1 + ",\"level\":101}]");
        JsonNode rows = read(a, "priority", Map.of());
        JsonNode deleted = write(a, "priority", "delete",
                "[{\"agentid\":" + agent + ",\"qid\":" + q2 + "}]");

        assertEquals(1, update.get("total").asInt());
        assertEquals(List.of("90", "20"), values(rows.get("list"), "level"));
        assertTrue(badLevel.get("error").asText().startsWith("Bad argument: level"));
        assertEquals(1, deleted.get("total").asInt());
        assertEquals(1, read(a, "priority", Map.of()).get("total").asInt());
    }

    @Test
    void campaignsDeleteMarksDeletedAndStateActiveHidesThem() {
        Api a = server.newCentre("A");
        a.campaignTable("Sales");
        long keep = create(a, "campaigns", "{\"name\":\"Spring\",\"table\":\"Sales\"}");
        long gone = create(a, "campaigns", "{\"name\":\"Winter\"}");

        write(a, "campaigns", "delete", "[{\"campaignid\":" + gone + "}]");
        JsonNode active = read(a, "campaigns", Map.of("state", "active"));
        JsonNode all = read(a, "campaigns", Map.of());

        assertEquals(List.of("" + keep), values(active.get("list"), "campaignid"));
        assertEquals(List.of("active", "deleted"), values(all.get("list"), "state"));
    }

    @Test
    void aCampaignOfATableTheCentreLacksIsRefusedWhileTheGoodRowIsWritten() {
        Api a = server.newCentre("A");
        Api other = server.newCentre("B");
        a.campaignTable("Sales");
        other.campaignTable("Theirs");

        JsonNode answer = write(a, "campaigns", "create", "[{\"name\":\"Spring\","
                + "\"table\":\"Theirs\"},{\"name\":\"Summer\",\"table\":\"Sales\"}]");
        JsonNode all = read(a, "campaigns", Map.of());

        assertEquals(1, answer.get("total").asInt(), answer.toString());
        assertEquals(1, answer.get("bad").asInt());
        assertEquals(0, answer.get("errors").get(0).get("index").asInt());
        assertEquals("No such campaign table: Theirs",
                answer.get("errors").get(0).get("error").asText());
        assertEquals(List.of("Summer"), values(all.get("list"), "name"));
    }

    @Test
    void ddisRouteToInboundQueuesAndShowInTheQueuesNumbers() {
        Api a = server.newCentre("A");
        a.campaignTable("T");
        long in = create(a, "queues", "{\"type\":\"inbound\"}");
        long out = create(a, "queues", "{\"type\":\"outbound\",\"table\":\"T\"}");

        long ddi = create(a, "ddis", "{\"ddi\":\"0161 496 0000\",\"qid\":" + in
                + ",\"description\":\"Main\"}");
        JsonNode toOutbound = write(a, "ddis", "create",
                "[{\"ddi\":\"01614960001\",\"qid\":" + out + "}]");
        JsonNode twice = write(a, "ddis", "create", "[{\"ddi\":\"+44 161 496 0000\"}]");
        JsonNode queue = read(a, "queues", Map.of("qid", "" + in)).get("list").get(0);
        JsonNode moved = write(a, "ddis", "update",
                "[{\"ddi\":\"01614960000\",\"description\":\"Front desk\"}]");
        JsonNode row = read(a, "ddis", Map.of("ddi", "0161 496 0000")).get("list").get(0);

        assertTrue(ddi > 0);
        assertEquals("A DDI routes to an inbound or ivr queue, not outbound",
                toOutbound.get("error").asText());
        assertEquals("DDI already exists: +441614960000", twice.get("error").asText());
        assertEquals("+441614960000", queue.get("numbers").asText());
        assertEquals(1, moved.get("total").asInt());
        assertEquals("Front desk", row.get("description").asText());
    }

    @Test
    void todRulesNeedAPolicyAndReadWithoutPolicyListsAll() {
        Api a = server.newCentre("A");
        long p1 = create(a, "tod_policy", "{\"description\":\"Weekdays\",\"default\":\"Y\"}");
        long p2 = create(a, "tod_policy", "{\"description\":\"Weekend\"}");

        long rule = create(a, "tod_rules", "{\"policy\":" + p1 + ",\"rule\":\"day\","
                + "\"days\":\"mon-fri\",\"start\":\"09:00\",\"stop\":\"17:00\"}");
        create(a, "tod_rules", "{\"policy\":" + p2 + ",\"start\":\"10:00\",\"stop\":\"16:00\"}");
        JsonNode noPolicy = write(a, "tod_rules", "create",
                "[{\"start\":\"09:00\",\"stop\":\"10:00\"}]");
        JsonNode updateNoPolicy = write(a, "tod_rules", "update",
                "[{\"uid\":" + rule + ",\"stop\":\"18:00\"}]");
        JsonNode update = write(a, "tod_rules", "update",
                "[{\"uid\":" + rule + ",\"policy\":" + p1 + ",\"stop\":\"18:00\"}]");
        JsonNode all = read(a, "tod_rules", Map.of());
        JsonNode ofP1 = read(a, "tod_rules", Map.of("policy", "" + p1));
        JsonNode policy = read(a, "tod_policy", Map.of("uid", "" + p1)).get("list").get(0);

        assertEquals("Missing policy", noPolicy.get("error").asText());
        assertEquals("Missing policy", updateNoPolicy.get("error").asText());
        assertEquals(1, update.get("total").asInt());
        assertEquals(2, all.get("total").asInt());
        assertEquals("18:00", ofP1.get("list").get(0).get("stop").asText());
        assertEquals("mon-fri", ofP1.get("list").get(0).get("days").asText());
        assertEquals("Y", policy.get("default").asText());
    }

    @Test
    void dncMatchesNumbersNormalisedAndFiltersByQueueNumberAndTime() {
        Api a = server.newCentre("A");
        long qid = create(a, "queues", "{\"type\":\"inbound\"}");
        long t0 = server.clock.instant().getEpochSecond();
        create(a, "dnc", "{\"ddi\":\"07700 900123\"}");
        server.clock.advance(java.time.Duration.ofHours(2));
        create(a, "dnc", "{\"ddi\":\"+44 7700 900456\",\"qid\":" + qid + ",\"urn\":77}");

        JsonNode twice = write(a, "dnc", "create", "[{\"ddi\":\"+447700900123\"}]");
        JsonNode byNumber = read(a, "dnc", Map.of("ddi", "07700900123"));
        JsonNode byQueue = read(a, "dnc", Map.of("qid", "" + qid));
        JsonNode early = read(a, "dnc", Map.of("tstart", "" + t0, "tstop", "" + (t0 + 60)));
        JsonNode update = write(a, "dnc", "update", "[{\"uid\":1}]");
        JsonNode deleted = write(a, "dnc", "delete", "[{\"ddi\":\"07700 900 123\"}]");

        assertEquals("Number already on the DNC list", twice.get("error").asText());
        assertEquals("+447700900123", byNumber.get("list").get(0).get("ddi").asText());
        assertEquals("0", byNumber.get("list").get(0).get("qid").asText());
        assertEquals("" + t0, byNumber.get("list").get(0).get("when").asText());
        assertEquals("77", byQueue.get("list").get(0).get("urn").asText());
        assertEquals(1, early.get("total").asInt());
        assertEquals("Unknown action", update.get("error").asText());
        assertEquals(1, deleted.get("total").asInt());
        assertTrue(new DncList(server.server().database(), server.server().tenancy(),
                server.clock).isListed(a.ccid, "07700900456", qid));
        assertFalse(new DncList(server.server().database(), server.server().tenancy(),
                server.clock).isListed(a.ccid, "07700900123", qid));
    }

    @Test
    void statusLogIsReadOnlyWithUidAgentAndTimeFilters() {
        Api a = server.newCentre("A");
        var dsl = server.server().database().dsl();
        var table = org.jooq.impl.DSL.table(org.jooq.impl.DSL.name("status_log"));
        List<Long> uids = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            uids.add(dsl.insertInto(table)
                    .set(org.jooq.impl.DSL.field("ccid", Long.class), a.ccid)
                    .set(org.jooq.impl.DSL.field("agent", Long.class), i < 2 ? 5L : 6L)
                    .set(org.jooq.impl.DSL.field("state", String.class), "ready")
                    .set(org.jooq.impl.DSL.field("start_at", Long.class), 1000L + i * 100)
                    .returningResult(org.jooq.impl.DSL.field("uid", Long.class))
                    .fetchOne(0, Long.class));
        }

        JsonNode from = read(a, "status_log", Map.of("uid", "" + uids.get(1)));
        JsonNode range = read(a, "status_log", Map.of("uid", uids.get(1) + ":" + uids.get(2)));
        JsonNode agent = read(a, "status_log", Map.of("agent", "6"));
        JsonNode time = read(a, "status_log", Map.of("tstart", "1100", "tstop", "1200"));
        JsonNode bad = read(a, "status_log", Map.of("uid", "1-2"));
        JsonNode create = write(a, "status_log", "create", "[{\"agent\":1}]");

        assertEquals(3, from.get("total").asInt());
        assertEquals(2, range.get("total").asInt());
        assertEquals(2, agent.get("total").asInt());
        assertEquals(List.of("1100", "1200"), values(time.get("list"), "start"));
        assertEquals("Bad argument: uid", bad.get("error").asText());
        assertEquals("Unknown action", create.get("error").asText());
    }

    @Test
    void readsAnswerXmlByDefaultWithRowsNamedAfterTheMethod() {
        Api a = server.newCentre("A");
        create(a, "teams", "{\"name\":\"Red & Gold\"}");

        Api.Response xml = a.get("/database.php?method=teams&action=read&token=" + a.token);
        Api.Response csv = a.get("/database.php?method=outcomecodes&action=read&format=csv"
                + "&mode=system&token=" + a.token);

        assertTrue(xml.contentType().startsWith("application/xml"), xml.contentType());
        assertTrue(xml.body().contains("<success>1</success>"), xml.body());
        assertTrue(xml.body().contains("<account_id>" + a.ccid + "</account_id>"));
        assertTrue(xml.body().contains("<teams><teamid>"), xml.body());
        assertTrue(xml.body().contains("<name>Red &amp; Gold</name>"), xml.body());
        assertTrue(csv.body().startsWith("outcome,description,complete"), csv.body());
        assertEquals(14, csv.body().strip().lines().count());
    }

    @Test
    void pagingLimitsStartsAndSorts() {
        Api a = server.newCentre("A");
        for (String name : List.of("b", "c", "a")) {
            create(a, "teams", "{\"name\":\"" + name + "\"}");
        }

        JsonNode page = read(a, "teams", Map.of("sort", "-name", "limit", "2", "start", "1"));
        JsonNode badSort = read(a, "teams", Map.of("sort", "password"));

        assertEquals(3, page.get("total").asInt());
        assertEquals(List.of("b", "a"), values(page.get("list"), "name"));
        assertEquals("Bad argument: sort", badSort.get("error").asText());
    }
}
