package org.opendialler.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.opendialler.database.DatabaseApiTest.create;
import static org.opendialler.database.DatabaseApiTest.read;
import static org.opendialler.database.DatabaseApiTest.values;
import static org.opendialler.database.DatabaseApiTest.write;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opendialler.testing.Api;
import org.opendialler.testing.TestServer;

/** The filter grammar, referential refusals and tenancy of database.php. */
class DatabaseRulesTest {

    private static TestServer server;
    private static Api a;
    private static Api f;
    private static List<Long> qids;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        a = server.newCentre("Rules");
        f = server.newCentre("Filters");
        qids = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            qids.add(create(f, "queues", "{\"type\":\"inbound\"}"));
        }
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static List<String> filtered(String filter) {
        JsonNode answer = read(f, "queues", Map.of("filter", filter));
        assertTrue(answer.get("success").asBoolean(), answer.toString());
        return values(answer.get("list"), "qid");
    }

    private static List<String> ids(int... indexes) {
        List<String> out = new java.util.ArrayList<>();
        for (int i : indexes) {
            out.add(String.valueOf(qids.get(i)));
        }
        return out;
    }

    @Test
    void filterAcceptsEveryOperatorOfTheGrammar() {
        long second = qids.get(1);

        assertEquals(ids(1), filtered("= " + second));
        assertEquals(ids(0, 2, 3), filtered("!= " + second));
        assertEquals(ids(0), filtered("< " + second));
        assertEquals(ids(0, 1), filtered("<=" + second));
        assertEquals(ids(2, 3), filtered("> " + second));
        assertEquals(ids(1, 2, 3), filtered(">= " + second));
        assertEquals(ids(0, 3), filtered("IN (" + qids.get(0) + ", " + qids.get(3) + ")"));
        assertEquals(ids(1, 2), filtered("not in (" + qids.get(0) + "," + qids.get(3) + ")"));
        assertEquals(ids(0, 1, 2, 3), filtered("NOT IN (999, 505050)"));
    }

    @Test
    void filterRefusesAnythingOutsideTheGrammar() {
        for (String bad : List.of("1; DROP TABLE x", "!= 999 OR 1=1", "IN ()", "= 1 2",
                "IN (1,)", "= -1", "qid = 1", "NOT (1)", "= 1)", "LIKE 1", "= 0x10")) {
            JsonNode answer = read(f, "queues", Map.of("filter", bad));

            assertEquals("Bad argument: filter", answer.get("error").asText(), bad);
        }
        assertEquals(4, read(f, "queues", Map.of()).get("total").asInt());
    }

    @Test
    void agentsTakeTheSameFilter() {
        Api b = server.newCentre("Agents filter");
        long first = create(b, "agents", "{\"login\":\"f1\",\"password\":\"pw-1234\"}");
        long second = create(b, "agents", "{\"login\":\"f2\",\"password\":\"pw-1234\"}");

        JsonNode kept = read(b, "agents", Map.of("filter", "NOT IN (" + first + ")"));
        JsonNode bad = read(b, "agents", Map.of("filter", "!= 999 OR 1=1"));

        assertEquals(List.of("" + second), values(kept.get("list"), "agentid"));
        assertEquals("Bad argument: filter", bad.get("error").asText());
    }

    @Test
    void aLoggedInAgentCannotBeDeleted() {
        long agent = create(a, "agents", "{\"login\":\"busy\",\"password\":\"pw-1234\"}");
        new Agents(server.server().database()).setLoggedIn(a.ccid, agent, true);

        JsonNode refused = write(a, "agents", "delete", "[{\"agentid\":" + agent + "}]");
        new Agents(server.server().database()).setLoggedIn(a.ccid, agent, false);
        JsonNode deleted = write(a, "agents", "delete", "[{\"agentid\":" + agent + "}]");

        assertEquals("Agent " + agent + " is logged in", refused.get("error").asText());
        assertEquals(1, deleted.get("total").asInt());
    }

    @Test
    void aTeamWithAgentsCannotBeDeleted() {
        long team = create(a, "teams", "{\"name\":\"Full\"}");
        long agent = create(a, "agents",
                "{\"login\":\"member\",\"password\":\"pw-1234\",\"team\":" + team + "}");

        JsonNode refused = write(a, "teams", "delete", "[{\"teamid\":" + team + "}]");
        write(a, "agents", "delete", "[{\"agentid\":" + agent + "}]");
        JsonNode deleted = write(a, "teams", "delete", "[{\"teamid\":" + team + "}]");

        assertEquals("Team " + team + " has 1 agents", refused.get("error").asText());
        assertEquals(1, deleted.get("total").asInt());
    }

    @Test
    void aQueueWithDdisCannotBeDeletedAndHandlersRegisterUnderAPrefix() {
        try (TestServer other = TestServer.start()) {
            // The ecnow area answers these; here a stand-in says a queue has 2 datasets.
            References refs = new References() {
                @Override
                public long datasetsOfQueue(long ccid, long qid) {
                    return 2;
                }

                @Override
                public long recordsWithOutcome(long ccid, long outcome) {
                    return 5;
                }
            };
            var methods = new DatabaseMethods(other.server().database(),
                    other.server().tenancy(), other.server().config(), refs);
            Api c = other.newCentre("Seams");
            long qid = create(c, "queues", "{\"type\":\"inbound\"}");
            long outcome = create(c, "outcomecodes", "{\"description\":\"Used\"}");
            var request = new org.opendialler.protocol.Methods();
            methods.register(request, "ecnow_");

            assertTrue(request.knows("ecnow_queues") && request.knows("ecnow_outcomecodes"));
            assertEquals(12, methods.names().size());
            assertTrue(qid > 0 && outcome > 0);
        }
        long qid = create(a, "queues", "{\"type\":\"inbound\"}");
        create(a, "ddis", "{\"ddi\":\"02079460000\",\"qid\":" + qid + "}");

        JsonNode routed = write(a, "queues", "delete", "[{\"qid\":" + qid + "}]");
        write(a, "ddis", "delete", "[{\"ddi\":\"02079460000\"}]");
        JsonNode deleted = write(a, "queues", "delete", "[{\"qid\":" + qid + "}]");

        assertEquals("Queue " + qid + " has DDIs routed to it", routed.get("error").asText());
        assertEquals(1, deleted.get("total").asInt());
    }

    @Test
    void aTodPolicyThatAQueueNamesCannotBeDeleted() {
        long policy = create(a, "tod_policy", "{\"description\":\"Office\"}");
        long qid = create(a, "queues", "{\"type\":\"inbound\",\"tod\":" + policy + "}");

        JsonNode refused = write(a, "tod_policy", "delete", "[{\"uid\":" + policy + "}]");
        JsonNode badTod = write(a, "queues", "update", "[{\"qid\":" + qid + ",\"tod\":1}]");

        assertEquals("Tod policy " + policy + " is used by queue " + qid,
                refused.get("error").asText());
        assertEquals("No such tod policy: 1", badTod.get("error").asText());
    }

    @Test
    void anotherCentresRowsDoNotExistForTheCaller() {
        Api b = server.newCentre("Other");
        long qid = create(a, "queues", "{\"type\":\"inbound\"}");
        long agent = create(a, "agents", "{\"login\":\"mine\",\"password\":\"pw-1234\"}");

        JsonNode readQueue = read(b, "queues", Map.of("qid", "" + qid));
        JsonNode updateQueue = write(b, "queues", "update",
                "[{\"qid\":" + qid + ",\"description\":\"stolen\"}]");
        JsonNode updateMissing = write(b, "queues", "update",
                "[{\"qid\":123456789,\"description\":\"stolen\"}]");
        JsonNode deleteAgent = write(b, "agents", "delete", "[{\"agentid\":" + agent + "}]");
        JsonNode priority = write(b, "priority", "create",
                "[{\"agentid\":" + agent + ",\"qid\":" + qid + ",\"level\":5}]");
        JsonNode sameLogin = write(b, "agents", "create",
                "[{\"login\":\"mine\",\"password\":\"pw-1234\"}]");

        assertEquals(0, readQueue.get("total").asInt());
        assertEquals("No such queue: " + qid, updateQueue.get("error").asText());
        assertEquals("No such queue: 123456789", updateMissing.get("error").asText());
        assertEquals("No such agent: " + agent, deleteAgent.get("error").asText());
        assertEquals("No such agent: " + agent, priority.get("error").asText());
        assertEquals(1, sameLogin.get("total").asInt());
        assertEquals(1, read(a, "agents", Map.of("login", "mine")).get("total").asInt());
        assertTrue(read(a, "queues", Map.of("qid", "" + qid)).get("list").get(0)
                .get("description").isNull());
    }

    @Test
    void campaignOfAnotherCentreIsAccessDenied() {
        Api b = server.newCentre("Other");

        JsonNode other = a.post("/database.php?method=queues&action=read&format=json&token="
                + a.token + "&campaign=" + b.ccid, "application/x-www-form-urlencoded", "[]")
                .json();
        JsonNode own = a.post("/database.php?method=queues&action=read&format=json&token="
                + a.token + "&campaign=" + a.ccid, "application/x-www-form-urlencoded", "[]")
                .json();
        JsonNode zero = a.post("/database.php?method=queues&action=read&format=json&token="
                + a.token + "&campaign=0", "application/x-www-form-urlencoded", "[]").json();

        assertEquals("Access denied", other.get("error").asText());
        assertTrue(own.get("success").asBoolean());
        assertTrue(zero.get("success").asBoolean());
    }

    @Test
    void unknownMethodsAndActionsAreRefused() {
        JsonNode method = read(a, "nothing", Map.of());
        JsonNode action = a.get("/database.php?method=queues&action=purge&format=json&token="
                + a.token).json();
        JsonNode noRows = a.post("/database.php?method=queues&action=create&format=json&token="
                + a.token, "application/x-www-form-urlencoded", "[]").json();

        assertEquals("Unknown method", method.get("error").asText());
        assertEquals("Unknown action", action.get("error").asText());
        assertEquals("No file uploaded. Missing 'easycall' section?", noRows.get("error").asText());
    }
}
