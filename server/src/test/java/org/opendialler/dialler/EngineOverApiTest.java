package org.opendialler.dialler;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.opendialler.live.Recordings;
import org.opendialler.testing.Api;
import org.opendialler.testing.TestServer;

/**
 * The running engine seen through the API only: one predictive queue that records, three
 * simulated agents on a 20-minute shift, a fixed seed, the real compliance guard, stepped by
 * the test. Part way through, ajax.php and /metrics are checked against the CDRs, status_log
 * and open calls of that moment; once the day is over, the CDRs' destinations, the
 * recordings, the agents' status_log and sessions, and (after an agent driven by agent.php
 * has had a call abandoned) the day's figures and counters are checked against each other.
 * Every expected value is computed here from what another script (or the database) says,
 * never from the code that made the figure.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EngineOverApiTest {

    /** A Tuesday, 10:00 in London (GMT in March): inside every calling window. */
    private static final Instant T0 = Instant.parse("2024-03-05T10:00:00Z");
    private static final Instant MIDNIGHT = Instant.parse("2024-03-05T00:00:00Z");
    private static final String EXAMPLE_MOBILE = "+447400123456";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static TestServer server;
    private static Api api;
    private static long qid;
    private static List<Long> agents;
    private static EngineCentre centre;
    private static DiallerEngine engine;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        server.clock.set(T0);
        api = server.newCentre("Engine over the API");
        centre = new EngineCentre(server, api);
        centre.table("leads");
        centre.outcomes();
        long ds = centre.dataset("leads", "All", 50);
        qid = centre.queue("leads", "predictive", Map.of("monitor", "Y"));
        agents = centre.agents(qid, 3);
        List<String> numbers = new ArrayList<>();
        // libphonenumber's own example of a UK mobile: the one valid mobile range here.
        numbers.add("07400 123456");
        IntStream.range(0, 75).forEach(i -> numbers.add(String.format("07700 900%03d", i)));
        IntStream.range(0, 74).forEach(i -> numbers.add(String.format("020 7946 0%03d", i)));
        centre.leads(ds, numbers);
        centre.live(qid, ds);
        engine = server.server().startDialler(EngineSettings.defaults().withRealTime(false)
                .withSeed(5).withStart(T0).withShift(Duration.ofMinutes(20)));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static void runUntil(Instant at) {
        while (engine.now().isBefore(at)) {
            engine.advance(Duration.ofMinutes(1));
        }
    }

    /** Steps until the shift is over, every agent gone and no call left. */
    private static void finishDay() {
        Instant limit = T0.plus(Duration.ofHours(3));
        while (!engine.dayOver()) {
            assertTrue(engine.now().isBefore(limit), "the simulated day never ended");
            engine.advance(Duration.ofMinutes(1));
        }
    }

    // ---- reading the API ----

    private static JsonNode ok(JsonNode answer) {
        assertTrue(answer.path("success").asBoolean(), answer.toString());
        return answer;
    }

    private static List<JsonNode> list(JsonNode answer) {
        List<JsonNode> out = new ArrayList<>();
        ok(answer).path("list").forEach(out::add);
        return out;
    }

    /** Every CDR of the centre from local midnight to {@code to}, over reporting.php. */
    private static List<JsonNode> cdrs(Instant to) {
        return list(api.get("/reporting.php?token=" + api.token + "&method=cdr&format=json"
                + "&fields=callid,qid,aid,ddi,cres,ocid,flags,tm_answ,dest,dcode,is_mob"
                + "&range=" + MIDNIGHT.getEpochSecond() + ":" + to.getEpochSecond()).json());
    }

    private static List<JsonNode> statusLog() {
        return list(api.read("database.php", "status_log", Map.of()));
    }

    private static long openCalls() {
        return server.server().database().dsl().fetchCount(table(name("calls_open")),
                field(name("ccid"), Long.class).eq(api.ccid));
    }

    private static JsonNode ajax(String method) {
        return ok(api.read("ajax.php", method, Map.of()));
    }

    /** One series of /metrics with this centre's ccid tag (and {@code state} when given). */
    private static long metric(String metrics, String series, String state) {
        Pattern p = Pattern.compile("(?m)^" + series + "\\{([^}]*)} (\\S+)$");
        Matcher m = p.matcher(metrics);
        while (m.find()) {
            String tags = m.group(1);
            boolean ours = tags.contains("ccid=\"" + api.ccid + "\"");
            if (ours && (state == null || tags.contains("state=\"" + state + "\""))) {
                double value = Double.parseDouble(m.group(2));
                assertEquals(Math.rint(value), value, "not a count: " + m.group());
                return (long) value;
            }
        }
        throw new AssertionError("no " + series + " of centre " + api.ccid + " in " + metrics);
    }

    private static boolean live(JsonNode cdr) {
        String cres = cdr.path("cres").asText();
        return cres.equals("Answered") || cres.equals("Abandoned");
    }

    private static double percent(long part, long whole) {
        return whole == 0 ? 0.0 : BigDecimal.valueOf(100.0 * part / whole)
                .setScale(2, RoundingMode.HALF_UP).doubleValue();
    }

    // ---- part way through ----

    /**
     * Steps a second at a time from five minutes in to a moment with calls open and an agent
     * talking, so that the live figures are not all zero.
     */
    private static Instant busyMoment() {
        runUntil(T0.plus(Duration.ofMinutes(5)));
        var dsl = server.server().database().dsl();
        var state = field(name("state"), String.class);
        var stop = field(name("stop_at"), Long.class);
        var ccid = field(name("ccid"), Long.class);
        Instant limit = T0.plus(Duration.ofMinutes(10));
        while (openCalls() == 0 || dsl.fetchCount(table(name("status_log")), ccid.eq(api.ccid),
                stop.isNull(), state.eq("call")) == 0) {
            assertTrue(engine.now().isBefore(limit), "no call in progress for five minutes");
            engine.advance(Duration.ofSeconds(1));
        }
        return engine.now();
    }

    @Test
    @Order(1)
    void ajaxAndMetricsShowWhatTheEngineIsDoingAtThatMoment() {
        Instant now = busyMoment();

        List<JsonNode> cdrs = cdrs(now);
        List<JsonNode> open = statusLog().stream().filter(r -> r.path("stop").isNull())
                .toList();
        Map<String, Long> byState = new HashMap<>();
        open.forEach(r -> byState.merge(r.path("state").asText(), 1L, Long::sum));
        long answered = cdrs.stream().filter(c -> !c.path("tm_answ").isNull()
                && c.path("aid").asLong() != 0).count();
        long abandoned = cdrs.stream().filter(c -> c.path("cres").asText().equals("Abandoned"))
                .count();
        long liveAnswers = cdrs.stream().filter(EngineOverApiTest::live).count();
        long inWrap = byState.getOrDefault("wrap", 0L);
        assertTrue(cdrs.size() >= 10, "too few calls to check: " + cdrs.size());
        assertTrue(openCalls() > 0 && byState.getOrDefault("call", 0L) > 0, byState + "");
        assertEquals(3, open.size(), "every agent is logged in mid-shift: " + open);

        JsonNode queue = ajax("queues").path("list").get(0);
        assertEquals(String.valueOf(qid), queue.path("qid").asText());
        assertEquals(cdrs.size(), queue.path("nc_today").asLong());
        assertEquals(answered, queue.path("nc_ans_today").asLong());
        assertEquals(percent(abandoned, liveAnswers), queue.path("abandon_rate_today")
                .asDouble());
        assertEquals(open.size(), queue.path("agents_logged").asLong());
        assertEquals((long) byState.getOrDefault("wait", 0L), queue.path("agents_wait")
                .asLong());
        long onTheLine = queue.path("calls_ringing").asLong()
                + queue.path("calls_queued").asLong() + queue.path("calls_talking").asLong();
        // An open call's line is up, or its agent is in wrap after the line went down.
        assertEquals(openCalls(), onTheLine + inWrap);

        JsonNode summary = ajax("summary").path("list").get(0);
        assertEquals(MIDNIGHT.getEpochSecond(), summary.path("tm_day_start").asLong());
        assertEquals(now.getEpochSecond(), summary.path("tm_now").asLong());
        assertEquals(cdrs.size(), summary.path("nc_today").asLong());
        assertEquals(percent(abandoned, liveAnswers), summary.path("abandon_rate_today")
                .asDouble());
        assertEquals(open.size(), summary.path("agents_logged").asLong());
        for (String state : List.of("wait", "call", "wrap", "pause", "preview")) {
            assertEquals((long) byState.getOrDefault(state, 0L),
                    summary.path("agents_" + state).asLong(), state);
        }

        Map<Long, JsonNode> rowOf = new HashMap<>();
        open.forEach(r -> rowOf.put(r.path("agent").asLong(), r));
        for (JsonNode a : ajax("agents").path("list")) {
            JsonNode row = rowOf.get(a.path("aid").asLong());
            assertEquals(row.path("state").asText(), a.path("state").asText(), a.toString());
            long inState = now.getEpochSecond() - row.path("start").asLong();
            // status_log keeps whole seconds; the board the instant.
            assertTrue(Math.abs(inState - a.path("sec_state").asLong()) <= 1, a + " " + row);
        }

        String metrics = api.get("/metrics").body();
        assertEquals(openCalls(), metric(metrics, "opendialler_dialler_calls_in_progress",
                null));
        for (String state : List.of("wait", "call", "wrap", "pause", "preview")) {
            assertEquals((long) byState.getOrDefault(state, 0L),
                    metric(metrics, "opendialler_dialler_agents", state), state);
        }
        assertEquals(cdrs.size() + openCalls(),
                metric(metrics, "opendialler_dialler_calls_placed_total", null));
        assertEquals(liveAnswers, metric(metrics, "opendialler_dialler_calls_answered_total",
                null));
        assertEquals(abandoned, metric(metrics, "opendialler_dialler_calls_abandoned_total",
                null));
    }

    // ---- once the day is over ----

    @Test
    @Order(2)
    void everyCdrNamesItsDestinationFromItsNumber() {
        finishDay();

        List<JsonNode> cdrs = cdrs(engine.now());
        Set<String> kinds = new java.util.HashSet<>();
        for (JsonNode c : cdrs) {
            String ddi = c.path("ddi").asText();
            List<String> expected;
            if (ddi.equals(EXAMPLE_MOBILE)) {
                expected = List.of("United Kingdom", "447400", "1");
            } else if (ddi.startsWith("+447700900")) {
                // The drama range is no valid number to libphonenumber, so of no known type.
                expected = List.of("United Kingdom", "447700", "0");
            } else if (ddi.startsWith("+442079460")) {
                expected = List.of("London", "4420", "0");
            } else {
                throw new AssertionError("a number no lead has: " + c);
            }
            kinds.add(expected.get(1));
            assertEquals(expected, List.of(c.path("dest").asText(), c.path("dcode").asText(),
                    c.path("is_mob").asText()), c.toString());
        }
        assertEquals(Set.of("447400", "447700", "4420"), kinds);
    }

    @Test
    @Order(3)
    void callsAnAgentTookAreRecordedAndRecordingPhpServesTheEngineWav() throws Exception {
        finishDay();

        List<JsonNode> cdrs = cdrs(engine.now());
        List<Long> recorded = new ArrayList<>();
        for (JsonNode c : cdrs) {
            boolean flagged = List.of(c.path("flags").asText().split(",")).contains("recorded");
            // The queue records; only a call an agent was put through to has audio.
            assertEquals(c.path("aid").asLong() != 0, flagged, c.toString());
            if (flagged) {
                recorded.add(c.path("callid").asLong());
            }
        }
        assertFalse(recorded.isEmpty());

        for (long callid : recorded) {
            HttpResponse<byte[]> r = HTTP.send(HttpRequest.newBuilder(URI.create(
                    server.baseUrl() + "/recording.php?token=" + api.token + "&callid="
                            + callid)).build(), HttpResponse.BodyHandlers.ofByteArray());
            byte[] body = r.body();
            assertEquals(200, r.statusCode());
            assertEquals("audio/wav", r.headers().firstValue("Content-Type").orElse(""));
            assertArrayEquals(Files.readAllBytes(Recordings.path(server.dataDir(), api.ccid,
                    callid)), body, "callid " + callid);
            assertWav(body);
        }
        JsonNode listed = ok(api.get("/recording.php?token=" + api.token + "&action=list"
                + "&range=" + MIDNIGHT.getEpochSecond() + ":" + engine.now().getEpochSecond())
                .json());
        assertEquals(recorded.size(), listed.path("total").asInt());
    }

    /** A PCM WAV, 16-bit mono at 8 kHz, whose sizes agree with its length. */
    private static void assertWav(byte[] wav) {
        ByteBuffer b = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals("RIFF", new String(wav, 0, 4, StandardCharsets.US_ASCII));
        assertEquals(wav.length - 8, b.getInt(4));
        assertEquals("WAVEfmt ", new String(wav, 8, 8, StandardCharsets.US_ASCII));
        assertEquals(1, b.getShort(20), "PCM");
        assertEquals(1, b.getShort(22), "mono");
        assertEquals(8000, b.getInt(24));
        assertEquals(16, b.getShort(34));
        assertEquals("data", new String(wav, 36, 4, StandardCharsets.US_ASCII));
        assertEquals(wav.length - 44, b.getInt(40));
        assertTrue(wav.length > 44, "no samples");
    }

    @Test
    @Order(4)
    void agentsStatusLogAndSessionsAgreeWithEachOtherAndTheCdrs() {
        finishDay();

        List<JsonNode> cdrs = cdrs(engine.now());
        Map<Long, List<JsonNode>> rows = new LinkedHashMap<>();
        agents.forEach(a -> rows.put(a, new ArrayList<>()));
        for (JsonNode r : statusLog()) {
            rows.get(r.path("agent").asLong()).add(r);
        }
        List<JsonNode> sessions = list(api.get("/reporting.php?method=agents&format=json"
                + "&fields=aid,tm_login,tm_logout,tm_first,tm_last,sec_login,sec_wait,"
                + "sec_talk,sec_wrap,sec_pause,nc_all&range=" + MIDNIGHT.getEpochSecond()
                + ":" + engine.now().getEpochSecond() + "&token=" + api.token).json());
        Set<String> allowed = Set.of("wait>call", "wait>pause", "call>wrap", "wrap>wait",
                "wrap>pause", "pause>wait");
        assertEquals(agents.size(), sessions.size(), sessions.toString());

        for (long agent : agents) {
            List<JsonNode> log = rows.get(agent);
            assertFalse(log.isEmpty(), "agent " + agent + " has no status_log");
            assertEquals("wait", log.get(0).path("state").asText());
            assertEquals("login", log.get(0).path("reason").asText());
            Map<String, Long> seconds = new HashMap<>();
            Map<String, Long> count = new HashMap<>();
            List<Long> callStarts = new ArrayList<>();
            for (int i = 0; i < log.size(); i++) {
                JsonNode r = log.get(i);
                String state = r.path("state").asText();
                long start = r.path("start").asLong();
                long stop = r.path("stop").asLong();
                assertFalse(r.path("stop").isNull(), "left open after the day: " + r);
                assertEquals(stop - start, r.path("sec").asLong(), r.toString());
                if (i > 0) {
                    JsonNode before = log.get(i - 1);
                    assertEquals(before.path("stop").asLong(), start, "a gap before " + r);
                    assertTrue(allowed.contains(before.path("state").asText() + ">" + state),
                            before + " then " + r);
                }
                seconds.merge(state, stop - start, Long::sum);
                count.merge(state, 1L, Long::sum);
                if (state.equals("call")) {
                    callStarts.add(start);
                }
            }
            String last = log.get(log.size() - 1).path("state").asText();
            assertTrue(last.equals("wait") || last.equals("pause"), "logged out from " + last);

            JsonNode s = sessions.stream().filter(x -> x.path("aid").asLong() == agent)
                    .findFirst().orElseThrow(() -> new AssertionError("no session of " + agent));
            long login = log.get(0).path("start").asLong();
            long logout = log.get(log.size() - 1).path("stop").asLong();
            long calls = cdrs.stream().filter(c -> c.path("aid").asLong() == agent).count();
            assertEquals(login, s.path("tm_login").asLong());
            assertEquals(logout, s.path("tm_logout").asLong());
            assertTrue(Math.abs(logout - login - s.path("sec_login").asLong()) <= 1, s + "");
            assertEquals(calls, s.path("nc_all").asLong(), s.toString());
            assertEquals(count.getOrDefault("call", 0L), calls);
            assertTrue(calls > 0, "agent " + agent + " took no call");
            assertEquals(callStarts.get(0), s.path("tm_first").asLong());
            assertEquals(callStarts.get(callStarts.size() - 1), s.path("tm_last").asLong());
            Map<String, String> column = Map.of("wait", "sec_wait", "call", "sec_talk",
                    "wrap", "sec_wrap", "pause", "sec_pause");
            column.forEach((state, key) -> {
                // Each status_log row is whole seconds; the session sums the instants.
                long slack = count.getOrDefault(state, 0L) + 1;
                long diff = seconds.getOrDefault(state, 0L) - s.path(key).asLong();
                assertTrue(Math.abs(diff) <= slack, key + " of " + agent + ": " + s
                        + " vs " + seconds);
            });
        }
    }

    private static JsonNode agentPhp(long agent, String action) {
        return ok(api.get("/agent.php?token=" + api.token + "&agent=" + agent + "&action="
                + action).json());
    }

    private static long abandonedCdrs() {
        return cdrs(engine.now()).stream()
                .filter(c -> c.path("cres").asText().equals("Abandoned")).count();
    }

    /**
     * Has the engine abandon a call: an agent driven by agent.php pauses while the call the
     * dialler placed for it rings, so that nobody is there when the person answers.
     */
    private static void abandonACall() {
        long agent = centre.client.agents().create(List.of(Map.of("login", "by-the-api",
                "firstname", "Api", "password", "agent-pass"))).keys().get(0);
        centre.client.priority().create(List.of(Map.of("agentid", agent, "qid", qid,
                "level", 1)));
        agentPhp(agent, "agent_dial");
        for (int i = 0; i < 30 && abandonedCdrs() == 0; i++) {
            engine.advance(Duration.ofSeconds(1));
            agentPhp(agent, "pause");
            engine.advance(Duration.ofMinutes(1));
            agentPhp(agent, "unpause");
        }
        agentPhp(agent, "logout");
        assertTrue(abandonedCdrs() > 0, "the engine abandoned no call");
    }

    @Test
    @Order(5)
    void ajaxAndMetricsCountEveryCallOfTheDayAndNothingIsLeftInProgress() {
        finishDay();
        abandonACall();

        List<JsonNode> cdrs = cdrs(engine.now());
        long abandoned = cdrs.stream().filter(c -> c.path("cres").asText().equals("Abandoned"))
                .count();
        long liveAnswers = cdrs.stream().filter(EngineOverApiTest::live).count();
        JsonNode summary = ajax("summary").path("list").get(0);
        String metrics = api.get("/metrics").body();
        long answered = cdrs.stream().filter(c -> !c.path("tm_answ").isNull()
                && c.path("aid").asLong() != 0).count();
        assertEquals(cdrs.size(), summary.path("nc_today").asLong());
        assertEquals(answered, summary.path("nc_ans_today").asLong());
        assertEquals(percent(abandoned, liveAnswers), summary.path("abandon_rate_today")
                .asDouble());
        assertEquals(0, summary.path("agents_logged").asLong());
        assertEquals(0, openCalls());
        assertEquals(0, metric(metrics, "opendialler_dialler_calls_in_progress", null));
        for (String state : List.of("wait", "call", "wrap", "pause", "preview")) {
            assertEquals(0, metric(metrics, "opendialler_dialler_agents", state), state);
        }
        assertEquals(cdrs.size(), metric(metrics, "opendialler_dialler_calls_placed_total",
                null));
        assertEquals(cdrs.stream().filter(EngineOverApiTest::live).count(),
                metric(metrics, "opendialler_dialler_calls_answered_total", null));
        assertEquals(abandoned, metric(metrics, "opendialler_dialler_calls_abandoned_total",
                null));

        // The queue's abandon meters over 24 hours and 30 days (the whole run is one day),
        // from the CDRs: machines the dialler detected add the queue's 5% false-positive
        // estimate to the abandoned calls and to the live answers alike.
        double machines = 0.05 * cdrs.stream().filter(c -> c.path("ocid").asLong() == 102)
                .count();
        double expected = BigDecimal.valueOf(100 * (abandoned + machines)
                / (liveAnswers + machines)).setScale(2, RoundingMode.HALF_UP).doubleValue();
        JsonNode queue = ajax("queues").path("list").get(0);
        assertEquals(expected, queue.path("abandon_rate_24h").asDouble(), queue.toString());
        assertEquals(expected, queue.path("abandon_rate_30d").asDouble(), queue.toString());
    }
}
