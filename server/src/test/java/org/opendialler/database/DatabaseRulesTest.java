package org.opendialler.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
    void handlersRegisterUnderAPrefix() {
        // No script uses a prefix today (ecnow.php takes three methods by name, which
        // WiringApiTest calls over HTTP), so this checks the registration itself.
        var methods = new DatabaseMethods(server.server().database(), server.server().tenancy(),
                server.server().config(), References.NONE);
        var registered = methods.register(new org.opendialler.protocol.Methods(), "ecnow_");

        assertEquals(List.of("outcomecodes", "queues", "agents", "teams", "priority",
                "campaigns", "ddis", "tod_policy", "tod_rules", "audio_files", "dnc",
                "status_log"), methods.names());
        methods.names().forEach(name -> assertTrue(registered.knows("ecnow_" + name), name));
        assertFalse(registered.knows("queues"));
    }

    @Test
    void aQueueWithDdisCannotBeDeleted() {
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

    /** An id that no centre of this server has. */
    private static final long NEVER = 987_654_321L;

    /**
     * Sends the intruder's {@code actions} on the owner's row beside the same row for an id
     * that nobody has: both are refused with the same words, "No such NOUN: ID".
     */
    private static void refusedAsMissing(Api intruder, String method, List<String> actions,
            String noun, String idKey, String theirs, String never, String change) {
        for (String action : actions) {
            JsonNode answer = write(intruder, method, action, "[{\"" + idKey + "\":\"" + theirs
                    + "\"" + change + "},{\"" + idKey + "\":\"" + never + "\"" + change + "}]");

            assertEquals(0, answer.get("total").asInt(), method + " " + action + answer);
            assertEquals("No such " + noun + ": " + theirs,
                    answer.get("errors").get(0).get("error").asText(), method + " " + action);
            assertEquals("No such " + noun + ": " + never,
                    answer.get("errors").get(1).get("error").asText(), method + " " + action);
        }
    }

    /**
     * The intruder cannot read, update or delete the owner's row {@code id} of {@code method}:
     * each answer is the one for an id that does not exist, and the owner's row is unchanged.
     */
    private static void isolated(Api owner, Api intruder, String method, List<String> actions,
            String noun, String idKey, long id, String change) {
        JsonNode before = read(owner, method, Map.of(idKey, "" + id));

        JsonNode theirs = read(intruder, method, Map.of(idKey, "" + id));
        JsonNode missing = read(intruder, method, Map.of(idKey, "" + NEVER));
        refusedAsMissing(intruder, method, actions, noun, idKey, "" + id, "" + NEVER, change);

        assertEquals(1, before.get("total").asInt(), method + before);
        assertEquals(0, theirs.get("total").asInt(), method + theirs);
        assertEquals(missing, theirs, method);
        assertEquals(before, read(owner, method, Map.of(idKey, "" + id)), method);
    }

    @Test
    void anotherCentresTeamsCampaignsAndOutcomeCodesDoNotExistForTheCaller() {
        Api owner = server.newCentre("Owner");
        Api intruder = server.newCentre("Intruder");
        long team = create(owner, "teams", "{\"name\":\"Blue\"}");
        long campaign = create(owner, "campaigns", "{\"name\":\"Spring\"}");
        long outcome = create(owner, "outcomecodes", "{\"description\":\"Sold\"}");
        List<String> both = List.of("update", "delete");

        isolated(owner, intruder, "teams", both, "team", "teamid", team,
                ",\"name\":\"stolen\"");
        isolated(owner, intruder, "campaigns", both, "campaign", "campaignid", campaign,
                ",\"name\":\"stolen\"");
        isolated(owner, intruder, "outcomecodes", both, "outcome", "outcome", outcome,
                ",\"description\":\"stolen\"");
        JsonNode member = write(intruder, "agents", "create", "[{\"login\":\"in\","
                + "\"password\":\"pw-1234\",\"team\":" + team + "}]");

        assertEquals("No such team: " + team, member.get("error").asText());
        assertEquals(0, read(intruder, "teams", Map.of()).get("total").asInt());
        assertEquals(0, read(intruder, "campaigns", Map.of()).get("total").asInt());
        assertEquals(read(intruder, "outcomecodes", Map.of("mode", "system")).get("list"),
                read(intruder, "outcomecodes", Map.of()).get("list"));
    }

    @Test
    void anotherCentresTodPoliciesAndRulesDoNotExistForTheCaller() {
        Api owner = server.newCentre("Owner");
        Api intruder = server.newCentre("Intruder");
        long policy = create(owner, "tod_policy", "{\"description\":\"Office\"}");
        long rule = create(owner, "tod_rules", "{\"policy\":" + policy
                + ",\"start\":\"09:00\",\"stop\":\"17:00\"}");
        List<String> both = List.of("update", "delete");

        isolated(owner, intruder, "tod_policy", both, "tod policy", "uid", policy,
                ",\"description\":\"stolen\"");
        isolated(owner, intruder, "tod_rules", both, "tod rule", "uid", rule,
                ",\"policy\":" + policy + ",\"stop\":\"18:00\"");
        JsonNode byPolicy = read(intruder, "tod_rules", Map.of("policy", "" + policy));
        JsonNode newRule = write(intruder, "tod_rules", "create", "[{\"policy\":" + policy
                + ",\"start\":\"09:00\",\"stop\":\"10:00\"}]");
        JsonNode queue = write(intruder, "queues", "create",
                "[{\"type\":\"inbound\",\"tod\":" + policy + "}]");

        assertEquals(0, byPolicy.get("total").asInt());
        assertEquals("No such tod policy: " + policy, newRule.get("error").asText());
        assertEquals("No such tod policy: " + policy, queue.get("error").asText());
        assertEquals(1, read(owner, "tod_rules", Map.of("policy", "" + policy))
                .get("total").asInt());
    }

    @Test
    void anotherCentresDdisAndDncEntriesDoNotExistForTheCaller() {
        Api owner = server.newCentre("Owner");
        Api intruder = server.newCentre("Intruder");
        long qid = create(owner, "queues", "{\"type\":\"inbound\"}");
        long ddi = create(owner, "ddis", "{\"ddi\":\"0161 496 0123\",\"qid\":" + qid + "}");
        long dnc = create(owner, "dnc", "{\"ddi\":\"07700 900777\"}");

        isolated(owner, intruder, "ddis", List.of("update", "delete"), "DDI", "uid", ddi,
                ",\"description\":\"stolen\"");
        refusedAsMissing(intruder, "ddis", List.of("update", "delete"), "DDI", "ddi",
                "0161 496 0123", "0161 496 0999", ",\"description\":\"stolen\"");
        isolated(owner, intruder, "dnc", List.of("delete"), "DNC entry", "uid", dnc, "");
        refusedAsMissing(intruder, "dnc", List.of("delete"), "DNC entry", "ddi",
                "07700 900777", "07700 900999", "");
        JsonNode ddiByNumber = read(intruder, "ddis", Map.of("ddi", "+441614960123"));
        JsonNode dncByNumber = read(intruder, "dnc", Map.of("ddi", "+447700900777"));
        JsonNode routed = write(intruder, "ddis", "create",
                "[{\"ddi\":\"0161 496 0124\",\"qid\":" + qid + "}]");

        assertEquals(0, ddiByNumber.get("total").asInt());
        assertEquals(0, dncByNumber.get("total").asInt());
        assertEquals("No such queue: " + qid, routed.get("error").asText());
        assertEquals(List.of("+441614960123"), values(read(owner, "ddis", Map.of()).get("list"),
                "ddi"));
        assertEquals(List.of("+447700900777"), values(read(owner, "dnc", Map.of()).get("list"),
                "ddi"));
    }

    @Test
    void anotherCentresStatusLogIsNotThere() {
        Api owner = server.newCentre("Owner");
        Api intruder = server.newCentre("Intruder");
        long ownRow = statusRow(owner.ccid, 5, 2000);
        long theirRow = statusRow(intruder.ccid, 6, 2000);

        JsonNode all = read(intruder, "status_log", Map.of());
        JsonNode byUid = read(intruder, "status_log", Map.of("uid", ownRow + ":" + ownRow));
        JsonNode byAgent = read(intruder, "status_log", Map.of("agent", "5"));
        JsonNode byTime = read(intruder, "status_log", Map.of("tstart", "2000", "tstop", "2000"));
        JsonNode delete = write(intruder, "status_log", "delete", "[{\"uid\":" + ownRow + "}]");

        assertEquals(List.of("" + theirRow), values(all.get("list"), "uid"));
        assertEquals(0, byUid.get("total").asInt());
        assertEquals(0, byAgent.get("total").asInt());
        assertEquals(List.of("" + theirRow), values(byTime.get("list"), "uid"));
        assertEquals("Unknown action", delete.get("error").asText());
        assertEquals(List.of("" + ownRow), values(read(owner, "status_log", Map.of())
                .get("list"), "uid"));
    }

    /** A status_log row as the dialler writes one; answers its uid. */
    private static long statusRow(long ccid, long agent, long start) {
        return server.server().database().dsl()
                .insertInto(org.jooq.impl.DSL.table(org.jooq.impl.DSL.name("status_log")))
                .set(org.jooq.impl.DSL.field(org.jooq.impl.DSL.name("ccid"), Long.class), ccid)
                .set(org.jooq.impl.DSL.field(org.jooq.impl.DSL.name("agent"), Long.class), agent)
                .set(org.jooq.impl.DSL.field(org.jooq.impl.DSL.name("state"), String.class),
                        "ready")
                .set(org.jooq.impl.DSL.field(org.jooq.impl.DSL.name("start_at"), Long.class),
                        start)
                .returningResult(org.jooq.impl.DSL.field(org.jooq.impl.DSL.name("uid"),
                        Long.class))
                .fetchOne(0, Long.class);
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
