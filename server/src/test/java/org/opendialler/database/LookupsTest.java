package org.opendialler.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opendialler.testing.Api;
import org.opendialler.testing.TestServer;

class LookupsTest {

    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void systemOutcomesExistInEveryCentreWithTheirFlags() {
        Api a = server.newCentre("A");
        Outcomes outcomes = new Outcomes(server.server().database());

        var deadLine = outcomes.find(a.ccid, 105).orElseThrow();
        var noAnswer = outcomes.find(a.ccid, 103).orElseThrow();

        assertTrue(deadLine.complete() && deadLine.system());
        assertFalse(noAnswer.complete());
        assertTrue(outcomes.find(a.ccid, 101).orElseThrow().answerphone());
        assertFalse(outcomes.exists(a.ccid, 99));
    }

    @Test
    void unknownAgentsAndQueuesDoNotExist() {
        Api a = server.newCentre("A");

        boolean agent = new Agents(server.server().database()).exists(a.ccid, 123456);
        boolean queue = new Queues(server.server().database()).exists(a.ccid, 700000);

        assertFalse(agent);
        assertFalse(queue);
        assertEquals(13, Outcomes.SYSTEM.size());
    }
}
