package org.opendialler.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

/** ecnow.php and database.php serving and checking each other's data, as clients see it. */
class WiringApiTest {

    private static TestServer server;
    private static Api api;
    private static long qid;
    private static long otherQid;
    private static long agent;
    private static List<Long> otherAgents;
    private static long outcome;
    private static long otherOutcome;
    private static long dataset;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        api = server.newCentre("Wiring");
        api.campaignTable("Wired");
        qid = key(api.write("database.php", "queues", "create",
                "[{\"type\":\"outbound\",\"table\":\"Wired\",\"description\":\"Out\"}]"));
        agent = key(api.write("database.php", "agents", "create",
                "[{\"login\":\"wired1\",\"firstname\":\"Wyn\",\"password\":\"agent-pass-1\"}]"));
        outcome = key(api.write("database.php", "outcomecodes", "create",
                "[{\"description\":\"Sold\",\"complete\":\"Y\",\"sale\":\"Y\"}]"));
        dataset = key(api.write("ecnow.php", "ecnow_datasets", "create",
                "[{\"table\":\"Wired\",\"qid\":" + qid + "}]"));

        // More than one of each, so that a filter the server ignored would answer too many.
        otherQid = key(api.write("database.php", "queues", "create",
                "[{\"type\":\"inbound\",\"description\":\"In\"}]"));
        otherAgents = new ArrayList<>();
        for (String login : List.of("wired2", "wired3")) {
            otherAgents.add(key(api.write("database.php", "agents", "create", "[{\"login\":\""
                    + login + "\",\"firstname\":\"W\",\"password\":\"agent-pass-1\"}]")));
        }
        otherOutcome = key(api.write("database.php", "outcomecodes", "create",
                "[{\"description\":\"Not today\"}]"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static long key(JsonNode answer) {
        assertEquals(1, answer.path("total").asInt(), answer.toString());
        return answer.get("key").asLong();
    }

    private static List<String> column(JsonNode answer, String key) {
        assertTrue(answer.path("success").asBoolean(), answer.toString());
        List<String> out = new ArrayList<>();
        answer.get("list").forEach(item -> out.add(item.path(key).asText()));
        return out;
    }

    /** A read with the filters as multipart fields, as the vendor's PHP wrapper sends them. */
    private static List<String> wrapperRead(String script, String method, String filter,
            String value, String key) {
        return column(api.readMultipart(script, method, Map.of(filter, value)), key);
    }

    @Test
    void ecnowPhpServesQueuesAgentsAndOutcomesWithTheWrappersFiltersAndKeys() {
        long second = otherAgents.get(0);
        long third = otherAgents.get(1);

        List<String> oneQueue = wrapperRead("ecnow.php", "ecnow_queues", "qid", "" + otherQid,
                "qid");
        List<String> twoQueues = wrapperRead("ecnow.php", "ecnow_queues", "qid",
                qid + "," + otherQid, "qid");
        List<String> oneAgent = wrapperRead("ecnow.php", "ecnow_agents", "agent", "" + second,
                "agentid");
        List<String> twoAgents = wrapperRead("ecnow.php", "ecnow_agents", "agent",
                agent + "," + third, "agentid");
        List<String> databaseAgent = wrapperRead("database.php", "agents", "agent",
                "" + third, "agentid");
        List<String> oneOutcome = wrapperRead("ecnow.php", "ecnow_outcomecodes", "outcome",
                "" + otherOutcome, "outcome");
        List<String> twoOutcomes = wrapperRead("ecnow.php", "ecnow_outcomecodes", "outcome",
                outcome + ",103", "outcome");

        assertEquals(List.of("" + otherQid), oneQueue);
        assertEquals(List.of("" + qid, "" + otherQid), twoQueues);
        assertEquals(List.of("" + second), oneAgent);
        assertEquals(List.of("" + agent, "" + third), twoAgents);
        assertEquals(List.of("" + third), databaseAgent);
        assertEquals(List.of("" + otherOutcome), oneOutcome);
        assertEquals(List.of("103", "" + outcome), twoOutcomes);
    }

    @Test
    void databasePhpEcnowDataIsTheOlderNameOfEcnowRecords() {
        JsonNode made = api.write("database.php", "ecnow_data", "create",
                "[{\"dataset\":" + dataset + ",\"MobilePhone\":\"07700 900411\"}]");

        JsonNode read = api.read("ecnow.php", "ecnow_records", Map.of("id",
                "" + key(made), "table", "Wired"));

        assertEquals(List.of("07700 900411"), column(read, "MobilePhone"));
    }

    @Test
    void aDatasetCanOnlyBeAssignedToAnOutboundQueueOfItsOwnTable() {
        api.campaignTable("Elsewhere");
        long inbound = key(api.write("database.php", "queues", "create",
                "[{\"type\":\"inbound\"}]"));
        long otherTable = key(api.write("database.php", "queues", "create",
                "[{\"type\":\"outbound\",\"table\":\"Elsewhere\"}]"));

        JsonNode toInbound = api.write("ecnow.php", "ecnow_datasets", "update",
                "[{\"dataset\":" + dataset + ",\"qid\":" + inbound + "}]");
        JsonNode toOther = api.write("ecnow.php", "ecnow_datasets", "update",
                "[{\"dataset\":" + dataset + ",\"qid\":" + otherTable + "}]");

        assertEquals(0, toInbound.get("total").asInt(), toInbound.toString());
        assertEquals(0, toOther.get("total").asInt(), toOther.toString());
    }

    @Test
    void recordsTakeOnlyTheCentresOwnAgentsAndOutcomes() {
        Api other = server.newCentre("Other");
        long foreignAgent = key(other.write("database.php", "agents", "create",
                "[{\"login\":\"foreign\",\"firstname\":\"F\",\"password\":\"agent-pass-1\"}]"));

        JsonNode mine = api.write("ecnow.php", "ecnow_records", "create", "[{\"dataset\":"
                + dataset + ",\"MobilePhone\":\"07700900412\",\"AgentRef\":" + agent
                + ",\"outcomecode\":" + outcome + "}]");
        JsonNode theirs = api.write("ecnow.php", "ecnow_records", "create", "[{\"dataset\":"
                + dataset + ",\"MobilePhone\":\"07700900413\",\"AgentRef\":" + foreignAgent
                + "}]");

        assertEquals(1, mine.get("total").asInt(), mine.toString());
        assertEquals("Record NOT live on the dialer.", mine.get("info").asText());
        assertEquals(0, theirs.get("total").asInt(), theirs.toString());
    }

    @Test
    void aQueueWithDatasetsAndAnOutcomeOnRecordsCannotBeDeleted() {
        long used = key(api.write("database.php", "queues", "create",
                "[{\"type\":\"outbound\",\"table\":\"Wired\"}]"));
        long code = key(api.write("database.php", "outcomecodes", "create",
                "[{\"description\":\"In use\"}]"));
        List<Long> sets = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            sets.add(key(api.write("ecnow.php", "ecnow_datasets", "create",
                    "[{\"table\":\"Wired\",\"qid\":" + used + "}]")));
        }
        List<Long> records = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            records.add(key(api.write("ecnow.php", "ecnow_records", "create", "[{\"dataset\":"
                    + sets.get(0) + ",\"MobilePhone\":\"0770090042" + i
                    + "\",\"outcomecode\":" + code + "}]")));
        }

        JsonNode queue = api.write("database.php", "queues", "delete",
                "[{\"qid\":" + used + "}]");
        JsonNode outcomeCode = api.write("database.php", "outcomecodes", "delete",
                "[{\"outcome\":" + code + "}]");

        assertEquals(0, queue.get("total").asInt(), queue.toString());
        assertEquals("Queue " + used + " has 2 datasets", queue.get("error").asText());
        assertEquals(0, outcomeCode.get("total").asInt(), outcomeCode.toString());
        assertEquals("Outcome " + code + " is used by 3 records",
                outcomeCode.get("error").asText());
        assertEquals(List.of("" + used), column(api.read("database.php", "queues",
                Map.of("qid", "" + used)), "qid"));

        // Once nothing refers to them, the same deletes go through.
        for (long set : sets) {
            assertEquals(1, api.write("ecnow.php", "ecnow_datasets", "update",
                    "[{\"dataset\":" + set + ",\"qid\":0}]").get("total").asInt());
        }
        for (long record : records) {
            assertEquals(1, api.write("ecnow.php", "ecnow_records", "delete", "[{\"id\":"
                    + record + ",\"dataset\":" + sets.get(0) + "}]").get("total").asInt());
        }
        assertEquals(1, api.write("database.php", "queues", "delete",
                "[{\"qid\":" + used + "}]").get("total").asInt());
        assertEquals(1, api.write("database.php", "outcomecodes", "delete",
                "[{\"outcome\":" + code + "}]").get("total").asInt());
    }

    @Test
    void aQueueWithDatasetsKeepsItsTypeAndTable() {
        api.campaignTable("Moved");

        JsonNode table = api.write("database.php", "queues", "update",
                "[{\"qid\":" + qid + ",\"table\":\"Moved\"}]");
        JsonNode type = api.write("database.php", "queues", "update",
                "[{\"qid\":" + qid + ",\"type\":\"inbound\"}]");
        JsonNode description = api.write("database.php", "queues", "update",
                "[{\"qid\":" + qid + ",\"description\":\"Still out\"}]");

        assertEquals(0, table.get("total").asInt(), table.toString());
        assertTrue(table.get("error").asText().endsWith("its type and table cannot change"),
                table.toString());
        assertEquals(0, type.get("total").asInt(), type.toString());
        assertEquals(1, description.get("total").asInt(), description.toString());
    }

    @Test
    void anOutboundQueueMustNameAnExistingCampaignTable() {
        JsonNode answer = api.write("database.php", "queues", "create",
                "[{\"type\":\"outbound\",\"table\":\"NoSuchTable\"}]");

        assertEquals("No such campaign table: NoSuchTable", answer.get("error").asText());
    }

    @Test
    void cdrLogReadsOverDatabasePhp() {
        JsonNode answer = api.read("database.php", "cdr_log", Map.of(
                "tstart", "2026-01-01 00:00:00", "tstop", "2026-01-02 00:00:00"));

        assertTrue(answer.get("success").asBoolean(), answer.toString());
        assertEquals(0, answer.get("total").asInt());
    }
}
