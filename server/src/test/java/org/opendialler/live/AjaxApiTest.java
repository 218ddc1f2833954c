package org.opendialler.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opendialler.testing.Api;
import org.opendialler.testing.TestServer;

class AjaxApiTest {

    private static TestServer server;
    private static LiveFixture f;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        f = new LiveFixture(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static JsonNode read(Api as, String method, String... filters) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < filters.length; i += 2) {
            map.put(filters[i], filters[i + 1]);
        }
        JsonNode answer = as.read("ajax.php", method, map);
        assertTrue(answer.path("success").asBoolean(), answer.toString());
        return answer;
    }

    private static List<String> values(JsonNode answer, String key) {
        List<String> out = new ArrayList<>();
        answer.get("list").forEach(i -> out.add(i.path(key).asText()));
        return out;
    }

    private static JsonNode item(JsonNode answer, String key, long value) {
        for (JsonNode i : answer.get("list")) {
            if (i.path(key).asText().equals(String.valueOf(value))) {
                return i;
            }
        }
        throw new AssertionError("no item with " + key + "=" + value + " in " + answer);
    }

    @Test
    void agentsAreTheBoardsLoggedInAgentsWithSecondsInTheirState() {
        JsonNode answer = read(f.a, "agents");

        JsonNode bob = item(answer, "aid", f.bob);
        assertEquals(3, answer.get("total").asInt());
        assertEquals(List.of("" + f.ann, "" + f.bob, "" + f.cat), values(answer, "aid"));
        assertEquals("Bob Hart", bob.get("anm").asText());
        assertEquals("" + f.team1, bob.get("tid").asText());
        assertEquals("call", bob.get("state").asText());
        assertEquals(95, bob.get("sec_state").asLong());
        assertEquals("" + f.sales, bob.get("qid").asText());
        assertEquals("9001", bob.get("callid").asText());
        assertEquals("+447700900001", bob.get("ddi").asText());
        assertEquals("55", bob.get("urn").asText());
        assertTrue(item(answer, "aid", f.ann).get("qid").isNull());
    }

    @Test
    void agentsModeAllAddsTheLoggedOutAgentsOfTheCentre() {
        JsonNode answer = read(f.a, "agents", "mode", "all");

        JsonNode dan = item(answer, "aid", f.dan);
        assertEquals(List.of("" + f.ann, "" + f.bob, "" + f.cat, "" + f.dan),
                values(answer, "aid"));
        assertEquals("logged_out", dan.get("state").asText());
        assertEquals("Dan Fry", dan.get("anm").asText());
        assertEquals("" + f.team2, dan.get("tid").asText());
        assertTrue(dan.get("sec_state").isNull());
    }

    @Test
    void agentsFilterByAgentTeamAndQueue() {
        JsonNode byAgent = read(f.a, "agents", "agent", "" + f.ann);
        JsonNode byTeam = read(f.a, "agents", "team", "" + f.team2, "mode", "all");
        JsonNode byQueue = read(f.a, "agents", "qid", "" + f.sales);
        JsonNode both = read(f.a, "agents", "agent", f.ann + "," + f.cat, "team", "" + f.team2);

        assertEquals(List.of("" + f.ann), values(byAgent, "aid"));
        assertEquals(List.of("" + f.cat, "" + f.dan), values(byTeam, "aid"));
        assertEquals(List.of("" + f.ann, "" + f.bob), values(byQueue, "aid"));
        assertEquals(List.of("" + f.cat), values(both, "aid"));
    }

    @Test
    void queuesShowLiveFiguresTodaysCountsAndAbandonMeters() {
        JsonNode answer = read(f.a, "queues");

        JsonNode sales = item(answer, "qid", f.sales);
        JsonNode support = item(answer, "qid", f.support);
        List<LiveFixture.Call> salesToday = f.today(c -> c.qid() == f.sales);
        List<LiveFixture.Call> supportToday = f.today(c -> c.qid() == f.support);
        assertEquals(2, answer.get("total").asInt());
        assertEquals("Sales line", sales.get("qnm").asText());
        assertEquals("inbound", sales.get("qtype").asText());
        assertEquals(2, sales.get("agents_logged").asInt());
        assertEquals(1, sales.get("agents_wait").asInt());
        assertEquals(0, sales.get("calls_ringing").asInt());
        assertEquals(2, sales.get("calls_queued").asInt());
        assertEquals(1, sales.get("calls_talking").asInt());
        assertEquals(42, sales.get("sec_longest_wait").asInt());
        assertEquals(salesToday.size(), sales.get("nc_today").asInt());
        assertEquals(f.answered(salesToday), sales.get("nc_ans_today").asLong());
        assertEquals(f.abandonRate(salesToday), sales.get("abandon_rate_today").asDouble());
        assertEquals(2.5, sales.get("abandon_rate_24h").asDouble());
        assertEquals(1.25, sales.get("abandon_rate_30d").asDouble());
        assertEquals(3.0, sales.get("abandon_target").asDouble());
        assertEquals(1, support.get("agents_logged").asInt());
        assertEquals(0, support.get("agents_wait").asInt());
        assertEquals(1, support.get("calls_ringing").asInt());
        assertEquals(0, support.get("sec_longest_wait").asInt());
        assertEquals(supportToday.size(), support.get("nc_today").asInt());
        assertEquals(f.answered(supportToday), support.get("nc_ans_today").asLong());
        assertEquals(f.abandonRate(supportToday), support.get("abandon_rate_today").asDouble());
        assertTrue(support.get("abandon_rate_24h").isNull());
        assertEquals(2.5, support.get("abandon_target").asDouble());
    }

    @Test
    void queuesFilteredByAgentOrTeamCountOnlyThatPopulation() {
        JsonNode byQueue = read(f.a, "queues", "qid", "" + f.support);
        JsonNode byAgent = read(f.a, "queues", "agent", "" + f.bob);
        JsonNode byTeam = read(f.a, "queues", "team", "" + f.team2);

        JsonNode bobSales = item(byAgent, "qid", f.sales);
        JsonNode team2Support = item(byTeam, "qid", f.support);
        List<LiveFixture.Call> bobToday = f.today(c -> c.qid() == f.sales && c.aid() == f.bob);
        List<LiveFixture.Call> team2Today =
                f.today(c -> c.qid() == f.support && c.tid() == f.team2);
        assertEquals(List.of("" + f.support), values(byQueue, "qid"));
        assertEquals(1, bobSales.get("agents_logged").asInt());
        assertEquals(1, bobSales.get("calls_talking").asInt());
        assertEquals(0, bobSales.get("calls_queued").asInt());
        assertEquals(bobToday.size(), bobSales.get("nc_today").asInt());
        assertEquals(f.answered(bobToday), bobSales.get("nc_ans_today").asLong());
        assertEquals(team2Today.size(), team2Support.get("nc_today").asInt());
        assertEquals(1, team2Support.get("agents_logged").asInt());
    }

    @Test
    void callsAreTheBoardsCallsInProgressFilteredByQueueAgentAndTeam() {
        JsonNode all = read(f.a, "calls");
        JsonNode byQueue = read(f.a, "calls", "qid", "" + f.support);
        JsonNode byAgent = read(f.a, "calls", "agent", "" + f.bob);
        JsonNode byTeam = read(f.a, "calls", "team", "" + f.team2);

        JsonNode queued = item(all, "callid", 9003);
        assertEquals(List.of("9001", "9003", "9004", "9005"), values(all, "callid"));
        assertEquals("" + f.sales, queued.get("qid").asText());
        assertEquals("in", queued.get("ctype").asText());
        assertEquals("in", queued.get("dtype").asText());
        assertEquals("+447700900003", queued.get("ddi").asText());
        assertEquals("+441632960001", queued.get("cli").asText());
        assertTrue(queued.get("aid").isNull());
        assertEquals("queued", queued.get("state").asText());
        assertEquals(42, queued.get("sec_state").asInt());
        assertEquals(List.of("9005"), values(byQueue, "callid"));
        assertEquals(List.of("9001"), values(byAgent, "callid"));
        assertEquals("" + f.bob, item(byAgent, "callid", 9001).get("aid").asText());
        assertEquals(List.of(), values(byTeam, "callid"));
    }

    @Test
    void summaryTotalsTheCentre() {
        JsonNode answer = read(f.a, "summary");

        JsonNode s = answer.get("list").get(0);
        List<LiveFixture.Call> today = f.today(c -> true);
        assertEquals(1, answer.get("total").asInt());
        assertEquals(2, s.get("queues").asInt());
        assertEquals(3, s.get("agents_logged").asInt());
        assertEquals(1, s.get("agents_wait").asInt());
        assertEquals(1, s.get("agents_call").asInt());
        assertEquals(1, s.get("agents_wrap").asInt());
        assertEquals(1, s.get("calls_ringing").asInt());
        assertEquals(2, s.get("calls_queued").asInt());
        assertEquals(1, s.get("calls_talking").asInt());
        assertEquals(42, s.get("sec_longest_wait").asInt());
        assertEquals(today.size(), s.get("nc_today").asInt());
        assertEquals(f.answered(today), s.get("nc_ans_today").asLong());
        assertEquals(f.abandonRate(today), s.get("abandon_rate_today").asDouble());
        assertEquals(LiveFixture.DAY_START.getEpochSecond(), s.get("tm_day_start").asLong());
        assertEquals(LiveFixture.NOW.getEpochSecond(), s.get("tm_now").asLong());
    }

    @Test
    void summaryWithFiltersTotalsOnlyWhatPasses() {
        JsonNode byQueue = read(f.a, "summary", "qid", "" + f.sales).get("list").get(0);
        JsonNode byTeam = read(f.a, "summary", "team", "" + f.team1).get("list").get(0);

        Predicate<LiveFixture.Call> team1 = c -> c.tid() == f.team1;
        assertEquals(f.today(c -> c.qid() == f.sales).size(), byQueue.get("nc_today").asInt());
        assertEquals(2, byQueue.get("agents_logged").asInt());
        assertEquals(3, byQueue.get("calls_talking").asInt()
                + byQueue.get("calls_queued").asInt());
        assertEquals(1, byQueue.get("queues").asInt());
        assertEquals(f.today(team1).size(), byTeam.get("nc_today").asInt());
        assertEquals(f.answered(f.today(team1)), byTeam.get("nc_ans_today").asLong());
        assertEquals(2, byTeam.get("agents_logged").asInt());
        assertEquals(1, byTeam.get("calls_talking").asInt());
    }

    @Test
    void everyMethodPagesWithLimitAndStart() {
        JsonNode calls = read(f.a, "calls", "limit", "2", "start", "1");
        JsonNode agents = read(f.a, "agents", "limit", "1");
        JsonNode queues = read(f.a, "queues", "start", "1");
        JsonNode summary = read(f.a, "summary", "start", "1");

        assertEquals(4, calls.get("total").asInt());
        assertEquals(List.of("9003", "9004"), values(calls, "callid"));
        assertEquals(List.of("" + f.ann), values(agents, "aid"));
        assertEquals(List.of("" + f.support), values(queues, "qid"));
        assertEquals(0, summary.get("list").size());
    }

    @Test
    void everyMethodAnswersXmlWithRowsNamedAfterIt() {
        for (String method : List.of("agents", "queues", "calls", "summary")) {
            Api.Response r = f.a.get("/ajax.php?method=" + method + "&action=read&format=xml"
                    + "&token=" + f.a.token + "&qid=" + f.sales);

            assertTrue(r.contentType().startsWith("text/xml")
                    || r.contentType().startsWith("application/xml"), r.contentType());
            assertTrue(r.body().contains("<success>1</success>"), r.body());
            assertTrue(r.body().contains("<" + method + ">"), r.body());
        }
        String queues = f.a.get("/ajax.php?method=queues&action=read&format=xml&token="
                + f.a.token + "&qid=" + f.sales).body();
        assertTrue(queues.contains("<qnm>Sales line</qnm>"), queues);
        assertTrue(queues.contains("<calls_queued>2</calls_queued>"), queues);
        assertTrue(queues.contains("<abandon_rate_30d>1.25</abandon_rate_30d>"), queues);
    }

    @Test
    void thePhpWrapperShapeWithANullBodyReads() {
        Api.Response r = f.a.post(f.a.phpQuery("ajax.php",
                Map.of("method", "summary", "action", "read")),
                "application/x-www-form-urlencoded", "[null]");

        JsonNode s = r.json().get("list").get(0);
        assertEquals(3, s.get("agents_logged").asInt());
    }

    @Test
    void anotherCentreSeesOnlyItsOwnBoardQueuesAndCalls() {
        JsonNode agents = read(f.b, "agents", "mode", "all");
        JsonNode queues = read(f.b, "queues");
        JsonNode calls = read(f.b, "calls");
        JsonNode summary = read(f.b, "summary").get("list").get(0);
        JsonNode aByB = read(f.b, "queues", "qid", "" + f.sales);

        assertEquals(List.of("1"), values(agents, "aid"));
        assertEquals(List.of("" + f.otherQueue), values(queues, "qid"));
        assertEquals(1, item(queues, "qid", f.otherQueue).get("nc_today").asInt());
        assertEquals(List.of("9900"), values(calls, "callid"));
        assertEquals(2, summary.get("nc_today").asInt());
        assertEquals(500, summary.get("sec_longest_wait").asInt());
        assertEquals(0, aByB.get("total").asInt());
    }

    @Test
    void aMalformedFilterOrUnknownMethodIsRefused() {
        JsonNode badAgent = f.a.read("ajax.php", "agents", Map.of("agent", "ann"));
        JsonNode badLimit = f.a.read("ajax.php", "calls", Map.of("limit", "-1"));
        JsonNode unknown = f.a.read("ajax.php", "nothing", Map.of());

        assertFalse(badAgent.get("success").asBoolean());
        assertEquals("Bad argument: agent", badAgent.get("error").asText());
        assertEquals("Bad argument: limit", badLimit.get("error").asText());
        assertEquals("Unknown method", unknown.get("error").asText());
    }
}
