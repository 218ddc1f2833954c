package org.opendialler.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.opendialler.testing.AgentDeskFixture.T0;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.opendialler.client.ContactNowClient;
import org.opendialler.dialler.DiallerEngine;
import org.opendialler.testing.AgentDeskFixture;
import org.opendialler.testing.Api;
import org.opendialler.testing.TestServer;

/**
 * agent.php and click2dial.php over HTTP against a stepped dialler engine with the real
 * compliance guard: an API-driven agent takes a call, sets a disposition, and the record, CDR,
 * status_log and session show it; refusals follow the agent's state; tenancy holds.
 */
class AgentApiTest {

    private final TestServer server = TestServer.start();
    private AgentDeskFixture desk;
    private Api api;
    private ContactNowClient client;
    private DiallerEngine engine;
    private long sale;

    @AfterEach
    void stop() {
        server.close();
    }

    private void centre() {
        desk = new AgentDeskFixture(server, "Agents");
        api = desk.api;
        client = desk.client;
        sale = client.outcomeCodes().create(List.of(
                Map.of("description", "Sale", "complete", "Y", "sale", "Y"))).key();
    }

    /** A live queue of dial mode {@code mode} with {@code leads} records to dial. */
    private long queue(String mode, int leads) {
        return desk.queue("Queue " + mode, leads, Map.of("dial_mode", mode));
    }

    private static void assertError(String expected, JsonNode answer) {
        assertFalse(answer.path("success").asBoolean(), answer.toString());
        assertEquals(expected, answer.path("error").asText(), answer.toString());
    }

    @Test
    void anApiAgentTakesACallHangsUpAndSetsACallbackWrittenEverywhere() {
        centre();
        long qid = queue("progressive", 5);
        engine = desk.startEngine();
        long agent = desk.agent(qid, "ann");

        JsonNode login = desk.agentPhp(agent, "agent_dial", "");
        assertTrue(login.path("success").asBoolean(), login.toString());
        assertEquals("wait", login.path("state").asText());
        assertEquals(qid, login.path("qid").asLong());
        JsonNode call = desk.awaitState(agent, "call");
        long callid = call.path("callid").asLong();
        long urn = call.path("urn").asLong();
        assertTrue(callid > 0 && urn > 0, call.toString());
        assertTrue(call.path("record").path("firstname").asText().startsWith("Lead"));
        assertError("Agent is on a call", desk.agentPhp(agent, "logout", ""));
        assertError("Agent is on a call", desk.agentPhp(agent, "pause", ""));

        JsonNode wrap = desk.agentPhp(agent, "hangup", "");
        assertEquals("wrap", wrap.path("state").asText(), wrap.toString());
        assertError("Agent is in wrap: set a disposition first",
                desk.agentPhp(agent, "logout", ""));
        JsonNode done = desk.agentPhp(agent, "disposition", "&outcome=109"
                + "&callback=2024-03-06%2014:30:00&notes_append=call%20back%20tomorrow");
        assertEquals("wait", done.path("state").asText(), done.toString());

        var dsl = server.server().database().dsl();
        var rec = dsl.select(DSL.field(DSL.name("outcomecode"), Long.class),
                        DSL.field(DSL.name("callback"), Long.class),
                        DSL.field(DSL.name("notes"), String.class))
                .from(DSL.table(DSL.name("records")))
                .where(DSL.field(DSL.name("id"), Long.class).eq(urn)).fetchOne();
        assertEquals(109L, rec.value1());
        assertEquals(Instant.parse("2024-03-06T14:30:00Z").getEpochSecond(), rec.value2());
        assertTrue(rec.value3().contains("call back tomorrow"));
        long from = T0.getEpochSecond() - 60;
        long to = T0.getEpochSecond() + 3600;
        JsonNode cdr = api.get("/reporting.php?token=" + api.token + "&method=cdr&format=json"
                + "&fields=callid,urn,aid,ocid&range=" + from + ":" + to).json();
        JsonNode row = find(cdr.path("list"), "callid", callid);
        assertNotNull(row, cdr.toString());
        assertEquals(agent, row.path("aid").asLong());
        assertEquals(109, row.path("ocid").asInt());
        assertEquals(urn, row.path("urn").asLong());
        JsonNode log = api.read("database.php", "status_log", Map.of());
        List<String> states = new ArrayList<>();
        log.path("list").forEach(r -> {
            if (r.path("agent").asLong() == agent) {
                states.add(r.path("state").asText());
            }
        });
        assertEquals(List.of("wait", "call", "wrap", "wait"), states, log.toString());
        JsonNode sessions = api.get("/reporting.php?method=agents&fields=aid,tm_login"
                + "&range=" + from + ":" + to + "&format=json&token=" + api.token).json();
        assertNotNull(find(sessions.path("list"), "aid", agent), sessions.toString());
    }

    private static JsonNode find(JsonNode list, String key, long value) {
        for (JsonNode n : list) {
            if (n.path(key).asLong() == value) {
                return n;
            }
        }
        return null;
    }

    @Test
    void pauseUnpauseAndLogoutFollowTheStateMachine() {
        centre();
        long qid = queue("progressive", 0);
        engine = desk.startEngine();
        long agent = desk.agent(qid, "bob");

        assertError("Agent is not logged in", desk.agentPhp(agent, "pause", ""));
        assertEquals("wait", desk.agentPhp(agent, "agent_dial", "&queues=" + qid).path("state")
                .asText());
        assertError("Agent is already logged in", desk.agentPhp(agent, "agent_dial", ""));
        assertEquals("pause", desk.agentPhp(agent, "pause", "&reason=lunch").path("state")
                .asText());
        assertError("Agent is paused", desk.agentPhp(agent, "hangup", ""));
        assertEquals("wait", desk.agentPhp(agent, "unpause", "").path("state").asText());
        assertError("Agent has no call", desk.agentPhp(agent, "disposition", "&outcome=109"));
        assertError("Agent has no call", desk.agentPhp(agent, "transfer", "&qid=" + qid));
        assertEquals("logged_out", desk.agentPhp(agent, "logout", "").path("state").asText());
        assertError("Agent is not logged in", desk.agentPhp(agent, "logout", ""));
    }

    @Test
    void callbackWrapHangupreadyAndReadyDoWhatTheySayAndAreReadBack() {
        centre();
        long qid = queue("progressive", 5);
        engine = desk.startEngine();
        long agent = desk.agent(qid, "gus");
        assertError("Agent is not logged in", desk.agentPhp(agent, "ready", ""));
        desk.agentPhp(agent, "agent_dial", "");

        JsonNode first = desk.awaitState(agent, "call");
        long urn = first.path("urn").asLong();
        JsonNode withCallback = desk.agentPhp(agent, "callback",
                "&callback=2024-03-07%2011:15:00&agent_specific=1");
        assertEquals("call", withCallback.path("state").asText(), withCallback.toString());
        JsonNode wrapped = desk.agentPhp(agent, "wrap", "&subcode=7");
        assertEquals("wrap", wrapped.path("state").asText(), wrapped.toString());
        assertEquals(first.path("callid").asLong(), wrapped.path("callid").asLong());
        assertEquals("wrap", desk.agentPhp(agent, "wrap", "").path("state").asText());
        JsonNode callbackLater = desk.agentPhp(agent, "callback", "&callback=2024-03-07%2011:30:00"
                + "&agent_specific=1");
        assertEquals("wrap", callbackLater.path("state").asText(), callbackLater.toString());
        // The disposition names no callback: the one set during the call is used.
        assertEquals("wait", desk.agentPhp(agent, "disposition", "&outcome=109").path("state")
                .asText());
        JsonNode record = api.read("ecnow.php", "ecnow_records", Map.of("table", "leads",
                "id", String.valueOf(urn))).path("list").get(0);
        assertEquals("2024-03-07 11:30:00", record.path("callback").asText(), record.toString());
        assertEquals(agent, record.path("AgentRef").asLong(), record.toString());
        assertEquals(1, record.path("Agent_Specific").asInt(), record.toString());
        assertEquals(109, record.path("outcomecode").asInt(), record.toString());

        JsonNode second = desk.awaitState(agent, "call");
        long callid = second.path("callid").asLong();
        assertError("Bad argument: outcome", desk.agentPhp(agent, "hangupready", ""));
        assertEquals("call", desk.agentPhp(agent, "state", "").path("state").asText());
        JsonNode ready = desk.agentPhp(agent, "hangupready", "&outcome=" + sale);
        assertEquals("wait", ready.path("state").asText(), ready.toString());
        assertTrue(ready.path("callid").isNull(), ready.toString());
        JsonNode cdr = api.get("/reporting.php?token=" + api.token + "&method=cdr&format=json"
                + "&fields=callid,aid,ocid&range=" + (T0.getEpochSecond() - 60) + ":"
                + (T0.getEpochSecond() + 3600)).json();
        JsonNode row = find(cdr.path("list"), "callid", callid);
        assertNotNull(row, cdr.toString());
        assertEquals(sale, row.path("ocid").asLong());
        assertEquals(agent, row.path("aid").asLong());

        assertError("Agent has no call", desk.agentPhp(agent, "wrap", ""));
        assertError("Agent has no call", desk.agentPhp(agent, "callback",
                "&callback=2024-03-08%2009:00:00"));
        assertEquals("wait", desk.agentPhp(agent, "ready", "").path("state").asText());
        assertEquals("pause", desk.agentPhp(agent, "pause", "").path("state").asText());
        JsonNode back = desk.agentPhp(agent, "ready", "");
        assertEquals("wait", back.path("state").asText(), back.toString());
        assertEquals(engine.now().getEpochSecond(), back.path("since").asLong());
        List<String> states = new ArrayList<>();
        api.read("database.php", "status_log", Map.of("agent", String.valueOf(agent)))
                .path("list").forEach(r -> states.add(r.path("state").asText()));
        assertEquals(List.of("wait", "call", "wrap", "wait", "call", "wrap", "wait", "pause",
                "wait"), states);
    }

    @Test
    void withoutTheDiallerStateReadsTheDatabaseAndActionsAreRefused() {
        centre();
        long qid = queue("progressive", 0);
        long agent = desk.agent(qid, "cy");

        assertEquals("logged_out", desk.agentPhp(agent, "state", "").path("state").asText());
        assertError(AgentScript.NOT_RUNNING, desk.agentPhp(agent, "agent_dial", ""));
        assertError(AgentScript.NOT_RUNNING, api.get("/click2dial.php?token=" + api.token
                + "&qid=" + qid + "&number=07700900123").json());
    }

    @Test
    void anotherCentresAgentAndQueueDoNotExist() {
        centre();
        long qid = queue("progressive", 0);
        engine = desk.startEngine();
        long agent = desk.agent(qid, "dee");
        Api other = server.newCentre("Other");
        other.login();

        assertError("Agent not found", other.get("/agent.php?token=" + other.token
                + "&agent=" + agent + "&action=state").json());
        assertError("Agent not found", other.get("/agent.php?token=" + other.token
                + "&agentid=" + agent + "&action=agent_dial").json());
        assertError("Queue not found", other.get("/click2dial.php?token=" + other.token
                + "&qid=" + qid + "&number=07700900123").json());
    }

    @Test
    void previewNextClaimsInOrderAndDialsTheRecord() {
        centre();
        long qid = queue("preview", 3);
        engine = desk.startEngine();
        long agent = desk.agent(qid, "eve");
        client.dnc().create(List.of(Map.of("ddi", "+447700900000")));
        desk.agentPhp(agent, "agent_dial", "");

        JsonNode first = desk.agentPhp(agent, "next", "");
        assertEquals("preview", first.path("state").asText(), first.toString());
        assertEquals("Lead1", first.path("record").path("firstname").asText());
        assertError("Agent is previewing a record", desk.agentPhp(agent, "next", ""));
        JsonNode dialled = desk.agentPhp(agent, "manual_dial", "");
        assertTrue(dialled.path("success").asBoolean(), dialled.toString());
        engine.advance(Duration.ofMinutes(2));

        JsonNode cdr = api.get("/reporting.php?token=" + api.token + "&method=cdr&format=json"
                + "&fields=callid,urn&range=" + (T0.getEpochSecond() - 60) + ":"
                + (T0.getEpochSecond() + 3600)).json();
        assertEquals(1, cdr.path("list").size(), cdr.toString());
        assertEquals(first.path("urn").asLong(), cdr.path("list").get(0).path("urn").asLong());
    }

    @Test
    void click2dialCallsAWaitingAgentOrSaysNoneIsAvailable() {
        centre();
        long qid = queue("preview", 0);
        engine = desk.startEngine();
        long agent = desk.agent(qid, "fay");

        assertError(ClickToDialScript.NO_AGENT, api.get("/click2dial.php?token=" + api.token
                + "&qid=" + qid + "&number=07700900555&FirstName=Web").json());
        desk.agentPhp(agent, "agent_dial", "");
        JsonNode answer = api.get("/click2dial.php?token=" + api.token + "&qid=" + qid
                + "&number=07700900555&FirstName=Web").json();
        assertTrue(answer.path("success").asBoolean(), answer.toString());
        long callid = answer.path("callid").asLong();
        long urn = answer.path("urn").asLong();
        engine.advance(Duration.ofMinutes(2));
        if ("wrap".equals(desk.agentPhp(agent, "state", "").path("state").asText())) {
            // The visitor answered (the simulated carrier decides): the agent closes the call.
            desk.agentPhp(agent, "disposition", "&outcome=109");
        }
        String name = server.server().database().dsl()
                .select(DSL.field(DSL.name("firstname"), String.class))
                .from(DSL.table(DSL.name("records")))
                .where(DSL.field(DSL.name("id"), Long.class).eq(urn)).fetchOne().value1();
        assertEquals("Web", name);

        JsonNode cdr = api.get("/reporting.php?token=" + api.token + "&method=cdr&format=json"
                + "&fields=callid,urn,aid&range=" + (T0.getEpochSecond() - 60) + ":"
                + (T0.getEpochSecond() + 3600)).json();
        JsonNode row = find(cdr.path("list"), "callid", callid);
        assertNotNull(row, cdr.toString());
        assertEquals(urn, row.path("urn").asLong());

        client.dnc().create(List.of(Map.of("ddi", "+447700900777")));
        assertError("Number not dialled: dnc", api.get("/click2dial.php?token=" + api.token
                + "&qid=" + qid + "&number=07700900777").json());
    }
}
