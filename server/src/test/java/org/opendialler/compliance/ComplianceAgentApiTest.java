package org.opendialler.compliance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.opendialler.testing.AgentDeskFixture.CALLER_ID;
import static org.opendialler.testing.AgentDeskFixture.T0;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.opendialler.dialler.DiallerEngine;
import org.opendialler.testing.AgentDeskFixture;
import org.opendialler.testing.Api;
import org.opendialler.testing.TestServer;

/**
 * The DNC list and the running dialler over HTTP: agent.php drives an agent of the server's
 * stepped engine, judged by the real compliance guard; database.php and ecnow.php read back.
 */
class ComplianceAgentApiTest {

    private final TestServer server = TestServer.start();
    private AgentDeskFixture desk;
    private Api api;
    private DiallerEngine engine;

    @AfterEach
    void stop() {
        server.close();
    }

    /** A centre with a live outbound queue of table leads and one LIVE dataset on it. */
    private long[] centre(String mode) {
        desk = new AgentDeskFixture(server, "Dnc " + mode);
        api = desk.api;
        long qid = Centre.ok(api.write("database.php", "queues", "create",
                "[{\"type\":\"outbound\",\"table\":\"leads\",\"callerid\":\"" + CALLER_ID + "\","
                        + "\"dial_mode\":\"" + mode + "\",\"amd\":\"N\",\"wrap_time\":20}]"))
                .get("key").asLong();
        long dataset = Centre.ok(api.write("ecnow.php", "ecnow_datasets", "create",
                "[{\"table\":\"leads\",\"d_status\":\"LIVE\",\"qid\":" + qid + "}]"))
                .get("key").asLong();
        return new long[] {qid, dataset};
    }

    private void live(long qid) {
        Centre.ok(api.write("database.php", "queues", "update",
                "[{\"qid\":" + qid + ",\"live\":\"Y\"}]"));
    }

    private JsonNode cdrs() {
        return api.get("/reporting.php?token=" + api.token + "&method=cdr&format=json"
                + "&fields=callid,urn,ddi&range=" + (T0.getEpochSecond() - 60) + ":"
                + (T0.getEpochSecond() + 7200)).json();
    }

    @Test
    void aDoNotCallOutcomeListsEveryNumberOfTheRecordNormalised() {
        long[] c = centre("progressive");
        long dnc = Centre.ok(api.write("database.php", "outcomecodes", "create",
                "[{\"description\":\"Asked not to be called\",\"complete\":\"Y\","
                        + "\"do_not_call\":\"Y\"}]")).get("key").asLong();
        // Each lead's numbers as a person types them, and as E.164 written out by hand.
        List<List<String>> e164 = new ArrayList<>();
        StringBuilder rows = new StringBuilder("[");
        for (int i = 0; i < 12; i++) {
            rows.append(String.format("{\"dataset\":%d,\"HomePhone\":\"020 7946 0%03d\","
                    + "\"WorkPhone\":\"0161 496 0%03d\",\"MobilePhone\":\"07700-900-%03d\"}",
                    c[1], i, i, i)).append(i < 11 ? "," : "]");
            e164.add(List.of(String.format("+4420794600%02d", i),
                    String.format("+4416149600%02d", i), String.format("+4477009000%02d", i)));
        }
        List<Long> ids = new ArrayList<>();
        api.write("ecnow.php", "ecnow_records", "create", rows.toString()).get("keys")
                .forEach(k -> ids.add(k.asLong()));
        live(c[0]);
        engine = desk.startEngine();
        long agent = desk.agent(c[0], "ann");
        desk.agentPhp(agent, "agent_dial", "");

        long urn = desk.awaitState(agent, "call").path("urn").asLong();
        desk.agentPhp(agent, "hangup", "");
        JsonNode done = desk.agentPhp(agent, "disposition", "&outcome=" + dnc);
        JsonNode list = api.read("database.php", "dnc", Map.of()).get("list");

        assertTrue(done.path("success").asBoolean(), done.toString());
        Set<String> listed = new TreeSet<>();
        for (JsonNode entry : list) {
            listed.add(entry.get("ddi").asText());
            assertEquals(urn, entry.get("urn").asLong(), entry.toString());
            assertEquals(0, entry.get("qid").asLong(), entry.toString());
        }
        assertEquals(new TreeSet<>(e164.get(ids.indexOf(urn))), listed);
    }

    @Test
    void aNumberListedAfterTheClaimIsNotDialled() {
        long[] c = centre("preview");
        long first = Centre.ok(api.write("ecnow.php", "ecnow_records", "create",
                "[{\"dataset\":" + c[1] + ",\"MobilePhone\":\"07700 900100\"}]"))
                .get("key").asLong();
        Centre.ok(api.write("ecnow.php", "ecnow_records", "create",
                "[{\"dataset\":" + c[1] + ",\"MobilePhone\":\"07700 900101\"}]"));
        live(c[0]);
        engine = desk.startEngine();
        long agent = desk.agent(c[0], "ann");
        desk.agentPhp(agent, "agent_dial", "");

        JsonNode preview = desk.agentPhp(agent, "next", "");
        Centre.ok(api.write("database.php", "dnc", "create", "[{\"ddi\":\"07700900100\"}]"));
        JsonNode dialled = desk.agentPhp(agent, "manual_dial", "");
        engine.advance(Duration.ofMinutes(2));
        api.login();
        JsonNode item = api.read("ecnow.php", "ecnow_records", Map.of("dataset", "" + c[1],
                "id", "" + first, "explain", "1")).get("list").get(0);

        assertEquals("preview", preview.path("state").asText(), preview.toString());
        assertEquals(first, preview.path("urn").asLong(), preview.toString());
        assertFalse(dialled.path("success").asBoolean(), dialled.toString());
        assertEquals("Record " + first + " may no longer be dialled",
                dialled.path("error").asText());
        assertEquals("wait", desk.agentPhp(agent, "state", "").path("state").asText());
        assertEquals(0, cdrs().path("list").size(), cdrs().toString());
        assertEquals("dnc", item.get("reason").asText(), item.toString());
        assertEquals("dnc", item.get("last_refusal").asText(), item.toString());
        assertEquals("2024-03-05 10:00:01", item.get("last_refusal_at").asText());
    }
}
