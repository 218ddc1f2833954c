package org.opendialler.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.opendialler.testing.AgentDeskFixture.T0;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.opendialler.testing.AgentDeskFixture;
import org.opendialler.testing.Api;
import org.opendialler.testing.TestServer;

/**
 * agent.php?action=events over real HTTP: a Server-Sent Events stream read with the JDK's
 * client while the agent is driven through agent.php on a stepped engine. Nothing dials (the
 * queue has no records), so the states are the actions' alone.
 */
class AgentEventsApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    private static final Pattern STREAMS = Pattern.compile(
            "(?m)^opendialler_agent_event_streams(?:\\{[^}]*})? ([0-9.]+)$");

    private final TestServer server = TestServer.start();
    private final List<Stream> streams = new ArrayList<>();
    private AgentDeskFixture desk;
    private Api api;

    @AfterEach
    void stop() {
        streams.forEach(Stream::close);
        server.close();
    }

    /** One event as the stream gave it. */
    record Event(String name, JsonNode data) {
    }

    /** A stream being read on its own thread, line by line, with when each line came. */
    private final class Stream implements AutoCloseable {

        final HttpResponse<InputStream> response;
        final LinkedBlockingQueue<Line> lines = new LinkedBlockingQueue<>();

        record Line(String text, long at) {
        }

        Stream(String pathAndQuery) throws Exception {
            response = HTTP.send(HttpRequest.newBuilder(URI.create(server.baseUrl()
                    + pathAndQuery)).header("Accept", "text/event-stream").GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            Thread reader = new Thread(this::read, "sse-reader");
            reader.setDaemon(true);
            reader.start();
            streams.add(this);
        }

        private void read() {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(response.body(),
                    StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    lines.add(new Line(line, System.nanoTime()));
                }
            } catch (IOException e) {
                // the test closed the stream
            }
        }

        /** The next event, skipping comments; fails after ten seconds without one. */
        Event next() throws Exception {
            String name = "message";
            String data = null;
            while (true) {
                Line line = lines.poll(10, TimeUnit.SECONDS);
                if (line == null) {
                    throw new AssertionError("no event within 10 s");
                }
                if (line.text().startsWith("event: ")) {
                    name = line.text().substring(7);
                } else if (line.text().startsWith("data: ")) {
                    data = line.text().substring(6);
                } else if (line.text().isEmpty() && data != null) {
                    return new Event(name, JSON.readTree(data));
                }
            }
        }

        /**
         * Waits for {@code count} comments that came after {@code since} (System.nanoTime), and
         * answers the events that came before them.
         */
        List<Event> eventsUntilComments(long since, int count) throws Exception {
            List<Event> events = new ArrayList<>();
            String name = "message";
            int comments = 0;
            while (comments < count) {
                Line line = lines.poll(10, TimeUnit.SECONDS);
                if (line == null) {
                    throw new AssertionError("no heartbeat within 10 s");
                }
                if (line.text().startsWith(":") && line.at() > since) {
                    comments++;
                } else if (line.text().startsWith("event: ")) {
                    name = line.text().substring(7);
                } else if (line.text().startsWith("data: ")) {
                    events.add(new Event(name, JSON.readTree(line.text().substring(6))));
                }
            }
            return events;
        }

        @Override
        public void close() {
            try {
                response.body().close();
            } catch (IOException e) {
                // already gone
            }
        }
    }

    private void centre() {
        desk = new AgentDeskFixture(server, "Events");
        api = desk.api;
    }

    private String events(Api as, String more) {
        return "/agent.php?token=" + as.token + "&action=events&heartbeat=1" + more;
    }

    private JsonNode act(long agent, String action, String more) {
        JsonNode answer = desk.agentPhp(agent, action, more);
        assertTrue(answer.path("success").asBoolean(), answer.toString());
        return answer;
    }

    /** Drives the agent through login, pause, unpause and logout. */
    private void drive(long agent) {
        act(agent, "agent_dial", "");
        act(agent, "pause", "&reason=lunch");
        act(agent, "unpause", "");
        act(agent, "logout", "");
    }

    private double openStreams() {
        Matcher m = STREAMS.matcher(api.get("/metrics").body());
        assertTrue(m.find(), "no stream gauge on /metrics");
        return Double.parseDouble(m.group(1));
    }

    private static List<String> summary(List<Event> events) {
        List<String> out = new ArrayList<>();
        for (Event e : events) {
            out.add(e.name() + ":" + e.data().path("from").asText("-") + ">"
                    + e.data().path("state").asText() + ":" + e.data().path("reason")
                    .asText("-"));
        }
        return out;
    }

    @Test
    void anAgentsStreamTellsEveryStateChangeAtTheRootAndUnderTheApiPrefix() throws Exception {
        centre();
        long qid = desk.queue("Queue", 0, Map.of());
        desk.startEngine(3);
        long agent = desk.agent(qid, "ann");
        Stream root = new Stream(events(api, "&agent=" + agent));
        Stream prefixed = new Stream("/api" + events(api, "&agentid=" + agent));
        assertEquals(200, root.response.statusCode());
        assertTrue(root.response.headers().firstValue("Content-Type").orElse("")
                .startsWith("text/event-stream"), root.response.headers().toString());
        Event first = root.next();
        Event firstPrefixed = prefixed.next();

        drive(agent);

        List<Event> seen = new ArrayList<>(List.of(first));
        List<Event> seenPrefixed = new ArrayList<>(List.of(firstPrefixed));
        for (int i = 0; i < 4; i++) {
            seen.add(root.next());
            seenPrefixed.add(prefixed.next());
        }
        List<String> expected = List.of("snapshot:->logged_out:-",
                "state:logged_out>wait:login", "state:wait>pause:lunch",
                "state:pause>wait:-", "state:wait>logged_out:logout");
        assertEquals(expected, summary(seen));
        assertEquals(expected, summary(seenPrefixed));
        long engineNow = T0.getEpochSecond() + 1;
        for (Event e : seen) {
            assertEquals(agent, e.data().path("agent").asLong(), e.toString());
            assertEquals(engineNow, e.data().path("time").asLong(), e.toString());
            assertTrue(e.data().path("callid").isNull(), e.toString());
        }
        assertTrue(seen.get(0).data().path("qid").isNull());
        for (Event e : seen.subList(1, 5)) {
            assertEquals(qid, e.data().path("qid").asLong(), e.toString());
        }

        long afterEvents = System.nanoTime();
        assertEquals(List.of(), root.eventsUntilComments(afterEvents, 1));
        assertEquals(2.0, openStreams());
        root.close();
        prefixed.close();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (openStreams() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertEquals(0.0, openStreams(), "the server kept a stream whose client went");
    }

    @Test
    void anotherCentresTokenGetsTheEnvelopeAndNoneOfThisCentresEvents() throws Exception {
        centre();
        long qid = desk.queue("Queue", 0, Map.of());
        desk.startEngine(3);
        long agent = desk.agent(qid, "ann");
        Api other = server.newCentre("Elsewhere");

        Api.Response refused = other.get(events(other, "&agent=" + agent));
        assertEquals(200, refused.status());
        assertTrue(refused.contentType().startsWith("application/json"), refused.contentType());
        assertEquals("{\"success\":false,\"account_id\":\"" + other.ccid
                + "\",\"error\":\"Agent not found\"}", refused.body());
        // The stream listens before its headers are sent: once they came, nothing is missed.
        Stream mine = new Stream(events(api, ""));
        Stream theirs = new Stream(events(other, ""));

        drive(agent);

        List<Event> ours = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ours.add(mine.next());
        }
        assertEquals(List.of("state:logged_out>wait:login", "state:wait>pause:lunch",
                "state:pause>wait:-", "state:wait>logged_out:logout"), summary(ours));
        List<Event> leaked = theirs.eventsUntilComments(System.nanoTime(), 2);
        assertEquals(List.of(), leaked, "another centre's stream told this centre's agent");
        assertFalse(ours.stream().anyMatch(e -> e.data().path("agent").asLong() != agent));
    }
}
