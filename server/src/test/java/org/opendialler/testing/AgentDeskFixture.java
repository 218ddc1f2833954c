package org.opendialler.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.opendialler.client.ContactNowClient;
import org.opendialler.client.Datasets;
import org.opendialler.dialler.DiallerEngine;
import org.opendialler.dialler.EngineSettings;

/**
 * A centre where tests drive agents through agent.php, set up over HTTP as a client would: a
 * campaign table {@code leads}, live queues with records to dial, agents with a priority row,
 * and the server's dialler engine stepped by hand from {@link #T0}.
 */
public final class AgentDeskFixture {

    /** A Tuesday, 10:00 in London: inside every calling window. */
    public static final Instant T0 = Instant.parse("2024-03-05T10:00:00Z");
    public static final String CALLER_ID = "+442079460999";

    public final Api api;
    public final ContactNowClient client;
    private final TestServer server;
    private DiallerEngine engine;

    /** Sets the server's clock to {@link #T0} and makes the centre with its table leads. */
    public AgentDeskFixture(TestServer server, String centre) {
        server.clock.set(T0);
        this.server = server;
        this.api = server.newCentre(centre);
        this.client = ContactNowClient.builder().baseUrl(server.baseUrl() + "/")
                .credentials(api.username, TestServer.PASSWORD).build();

        client.call("ecnow.php", "campaign_tables", "create", Map.of("name", "leads"));
    }

    /**
     * A live progressive queue named {@code name} with {@code leads} records to dial, in a
     * LIVE dataset of its own; {@code more} adds or overrides the queue's fields.
     */
    public long queue(String name, int leads, Map<String, Object> more) {
        long ds = client.datasets().create("leads", "Leads of " + name);
        Map<String, Object> q = new LinkedHashMap<>();
        q.put("type", "outbound");
        q.put("description", name);
        q.put("table", "leads");
        q.put("callerid", CALLER_ID);
        q.put("dial_mode", "progressive");
        q.put("amd", "N");
        q.put("wrap_time", "20");
        q.putAll(more);
        long qid = client.queues().create(List.of(q)).key();

        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < leads; i++) {
            rows.add(Map.of("dataset", ds, "firstname", "Lead" + i,
                    "mobilephone", String.format("07700 900%03d", i)));
        }
        if (!rows.isEmpty()) {
            client.records().create(rows);
        }

        client.datasets().assign(ds, qid);
        client.datasets().setStatus(ds, Datasets.Status.LIVE);
        client.queues().update(List.of(Map.of("qid", qid, "live", "Y")));
        return qid;
    }

    /** An agent named after its login, taking calls of queue {@code qid}. */
    public long agent(long qid, String login) {
        long id = client.agents().create(List.of(Map.of("login", login, "firstname", login,
                "password", "agent-pass"))).keys().get(0);
        client.priority().create(List.of(Map.of("agentid", id, "qid", qid, "level", 1)));
        return id;
    }

    /** Starts the server's dialler with seed 7. */
    public DiallerEngine startEngine() {
        return startEngine(7);
    }

    /** Starts the server's dialler at {@link #T0}, stepped by hand, and steps it one second. */
    public DiallerEngine startEngine(long seed) {
        engine = server.server().startDialler(EngineSettings.defaults().withRealTime(false)
                .withSeed(seed).withStart(T0));
        engine.advance(Duration.ofSeconds(1));
        return engine;
    }

    /** agent.php's answer to {@code action} for {@code agent}; {@code more} is "&k=v..." */
    public JsonNode agentPhp(long agent, String action, String more) {
        return api.get("/agent.php?token=" + api.token + "&agent=" + agent + "&action=" + action
                + more).json();
    }

    public JsonNode state(long agent) {
        return agentPhp(agent, "state", "");
    }

    /** Steps the engine a second at a time until the agent is in {@code state}. */
    public JsonNode awaitState(long agent, String state) {
        for (int i = 0; i < 1800; i++) {
            JsonNode now = state(agent);
            if (state.equals(now.path("state").asText())) {
                return now;
            }
            engine.advance(Duration.ofSeconds(1));
        }
        throw new AssertionError("agent " + agent + " never reached " + state);
    }
}
