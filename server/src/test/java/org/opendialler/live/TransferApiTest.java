package org.opendialler.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.opendialler.testing.AgentDeskFixture.CALLER_ID;
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
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.opendialler.client.ContactNowClient;
import org.opendialler.compliance.DialGuard;
import org.opendialler.dialler.DiallerEngine;
import org.opendialler.dialler.EngineSettings;
import org.opendialler.testing.AgentDeskFixture;
import org.opendialler.testing.Api;
import org.opendialler.testing.TestServer;

/**
 * agent.php's park, unpark, unpark_tpt and transfer over HTTP against a stepped dialler engine
 * on the simulated carrier, with the real compliance guard: each action in the line states that
 * allow it and refused in the others with nothing changed, a transfer to a queue (taken, and
 * lost), to a number (blind, and after consulting), and the CDRs, status_log and event stream
 * that show them.
 */
class TransferApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> UNANSWERED = Set.of("No Answer", "Busy", "Dead Line",
            "Fax");

    private final TestServer server = TestServer.start();
    private final List<HttpResponse<InputStream>> streams = new ArrayList<>();
    private AgentDeskFixture desk;
    private Api api;
    private ContactNowClient client;
    private DiallerEngine engine;
    private long sale;
    private long passedOn;

    @AfterEach
    void stop() throws IOException {
        for (HttpResponse<InputStream> s : streams) {
            s.body().close();
        }
        server.close();
    }

    private void centre() {
        desk = new AgentDeskFixture(server, "Transfers");
        api = desk.api;
        client = desk.client;
        List<Long> codes = client.outcomeCodes().create(List.of(
                Map.of("description", "Sale", "complete", "Y", "sale", "Y"),
                Map.of("description", "Passed on", "complete", "N"))).keys();
        sale = codes.get(0);
        passedOn = codes.get(1);
    }

    /** Steps the engine until the agent is talking with a connected customer. */
    private JsonNode onCall(long agent) {
        desk.awaitState(agent, "call");

        // The customer's leg is bridged a moment after the agent is given the call.
        engine.advance(Duration.ofSeconds(1));
        JsonNode connected = desk.state(agent);
        assertEquals("talk", connected.path("line").asText(), connected.toString());
        return connected;
    }

    private static void assertError(String expected, JsonNode answer) {
        assertFalse(answer.path("success").asBoolean(), answer.toString());
        assertEquals(expected, answer.path("error").asText(), answer.toString());
    }

    private static void assertLine(String line, JsonNode answer) {
        assertTrue(answer.path("success").asBoolean(), answer.toString());
        assertEquals("call", answer.path("state").asText(), answer.toString());
        assertEquals(line, answer.path("line").asText(), answer.toString());
    }

    private JsonNode cdrs() {
        return api.get("/reporting.php?token=" + api.token + "&method=cdr&format=json"
                + "&fields=callid,dtype,qid,qnm,orig_qnm,aid,urn,ddi,cli,cres,ocid,flags,"
                + "tm_answ,sec_tpt&range=" + (T0.getEpochSecond() - 60) + ":"
                + (T0.getEpochSecond() + 7200)).json().path("list");
    }

    private static JsonNode byCallid(JsonNode list, long callid) {
        for (JsonNode n : list) {
            if (n.path("callid").asLong() == callid) {
                return n;
            }
        }
        throw new AssertionError("no CDR " + callid + " in " + list);
    }

    private static List<JsonNode> ofType(JsonNode list, String dtype) {
        List<JsonNode> rows = new ArrayList<>();
        list.forEach(n -> {
            if (dtype.equals(n.path("dtype").asText())) {
                rows.add(n);
            }
        });
        return rows;
    }

    /** reporting.php calls grouped by queue: metric values of queue {@code qid}. */
    private JsonNode callsOfQueue(long qid) {
        JsonNode list = api.get("/reporting.php?token=" + api.token + "&method=calls"
                + "&format=json&groupby=qid&fields=qid,nc_all,nc_out,nc_tpt,nc_dtpt,nc_que"
                + "&range=" + (T0.getEpochSecond() - 60) + ":" + (T0.getEpochSecond() + 7200))
                .json().path("list");
        for (JsonNode n : list) {
            if (n.path("qid").asLong() == qid) {
                return n;
            }
        }
        throw new AssertionError("no calls of queue " + qid + " in " + list);
    }

    /** status_log of one agent as {@code state:reason}, oldest first. */
    private List<String> statusLog(long agent) {
        List<String> rows = new ArrayList<>();
        api.read("database.php", "status_log", Map.of("agent", String.valueOf(agent)))
                .path("list").forEach(r -> rows.add(r.path("state").asText() + ":"
                        + (r.path("reason").isNull() ? "" : r.path("reason").asText())));
        return rows;
    }

    private Record record(long urn) {
        return server.server().database().dsl()
                .select(DSL.field(DSL.name("outcomecode"), Long.class),
                        DSL.field(DSL.name("attempts"), Integer.class),
                        DSL.field(DSL.name("claimed_by"), String.class))
                .from(DSL.table(DSL.name("records")))
                .where(DSL.field(DSL.name("id"), Long.class).eq(urn)).fetchOne();
    }

    /** Steps the engine until reporting has {@code count} third-party CDRs. */
    private JsonNode awaitThirdPartyCdrs(int count) {
        for (int i = 0; i < 900; i++) {
            JsonNode list = cdrs();
            if (ofType(list, "tpt").size() >= count) {
                return list;
            }
            engine.advance(Duration.ofSeconds(1));
        }
        throw new AssertionError("fewer than " + count + " third-party CDRs: " + cdrs());
    }

    @Test
    void parkAndUnparkHoldTheCustomerWhileTheAgentStaysOnTheCall() throws Exception {
        centre();
        long qid = desk.queue("Queue A", 3, Map.of());
        engine = desk.startEngine();
        long agent = desk.agent(qid, "ann");

        assertError("Agent is not logged in", desk.agentPhp(agent, "park", ""));
        desk.agentPhp(agent, "agent_dial", "");
        assertError("Agent has no call", desk.agentPhp(agent, "park", ""));
        assertError("Agent has no call", desk.agentPhp(agent, "unpark", ""));
        JsonNode call = onCall(agent);
        long callid = call.path("callid").asLong();
        HttpResponse<InputStream> stream = events(agent);
        LinkedBlockingQueue<JsonNode> seen = read(stream);
        assertEquals("call", seen.poll(10, TimeUnit.SECONDS).path("state").asText());

        assertError("Cannot unpark: the line is talk, expected parked or consult",
                desk.agentPhp(agent, "unpark", ""));
        assertError("Cannot unpark_tpt: the line is talk, expected tpt_parked",
                desk.agentPhp(agent, "unpark_tpt", ""));
        assertError("Cannot transfer without qid or number: the line is talk, expected consult"
                + " or tpt_parked", desk.agentPhp(agent, "transfer", ""));
        assertLine("talk", desk.state(agent));
        JsonNode parked = desk.agentPhp(agent, "park", "");
        assertLine("parked", parked);
        assertEquals(callid, parked.path("callid").asLong());
        assertTrue(parked.path("tpt").isNull(), parked.toString());
        assertError("Cannot park: the line is parked, expected talk",
                desk.agentPhp(agent, "park", ""));
        assertError("Agent is on a call", desk.agentPhp(agent, "logout", ""));
        engine.advance(Duration.ofSeconds(40));
        // Held, the customer does not hang up at the end of their conversation.
        assertLine("parked", desk.state(agent));
        assertLine("talk", desk.agentPhp(agent, "unpark", ""));
        JsonNode wrap = desk.agentPhp(agent, "hangup", "");
        assertEquals("wrap", wrap.path("state").asText(), wrap.toString());
        assertTrue(wrap.path("line").isNull(), wrap.toString());
        desk.agentPhp(agent, "disposition", "&outcome=" + sale);

        List<String> told = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            JsonNode e = seen.poll(10, TimeUnit.SECONDS);
            assertNotNull(e, "events so far: " + told);
            told.add(e.path("from").asText() + ">" + e.path("state").asText() + ":"
                    + e.path("line").asText());
            if (e.path("state").asText().equals("call")) {
                assertEquals(callid, e.path("callid").asLong(), e.toString());
            }
        }
        assertEquals(List.of("call>call:parked", "call>call:talk", "call>wrap:null",
                "wrap>wait:null"), told);
        assertEquals(List.of("wait:login", "call:", "call:parked", "call:talk", "wrap:",
                "wait:"),
                statusLog(agent).subList(0, 6));
        JsonNode cdr = byCallid(cdrs(), callid);
        assertEquals("out", cdr.path("dtype").asText(), cdr.toString());
        assertEquals("Answered", cdr.path("cres").asText(), cdr.toString());
        assertEquals(sale, cdr.path("ocid").asLong(), cdr.toString());
        assertEquals(agent, cdr.path("aid").asLong(), cdr.toString());
    }

    private HttpResponse<InputStream> events(long agent) throws Exception {
        HttpResponse<InputStream> response = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1).build().send(HttpRequest
                .newBuilder(URI.create(server.baseUrl() + "/agent.php?token=" + api.token
                        + "&action=events&agent=" + agent)).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        streams.add(response);
        return response;
    }

    /** The stream's event data, read on a thread of its own. */
    private static LinkedBlockingQueue<JsonNode> read(HttpResponse<InputStream> stream) {
        LinkedBlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(stream.body(),
                    StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    if (line.startsWith("data: ")) {
                        events.add(JSON.readTree(line.substring(6)));
                    }
                }
            } catch (IOException e) {
                // the test closed the stream
            }
        }, "sse-reader");
        reader.setDaemon(true);
        reader.start();
        return events;
    }

    @Test
    void aTransferToAQueueGivesTheCustomerToItsWaitingAgentAndEachLegHasItsCdr() {
        centre();
        long first = desk.queue("Queue A", 3, Map.of());
        long second = desk.queue("Queue B", 0, Map.of());
        long stopped = client.queues().create(List.of(Map.of("type", "outbound",
                "description", "Queue C", "table", "leads", "callerid", CALLER_ID))).key();
        engine = desk.startEngine();
        long ann = desk.agent(first, "ann");
        long bob = desk.agent(second, "bob");
        desk.agentPhp(bob, "agent_dial", "");
        desk.agentPhp(ann, "agent_dial", "");

        assertError("Agent has no call", desk.agentPhp(ann, "transfer", "&qid=" + second));
        JsonNode call = onCall(ann);
        long callid = call.path("callid").asLong();
        long urn = call.path("urn").asLong();
        assertError("Bad argument: qid", desk.agentPhp(ann, "transfer", "&qid=B"));
        assertError("Queue not found", desk.agentPhp(ann, "transfer", "&qid=" + (stopped + 100)));
        assertError("Queue is not dialling", desk.agentPhp(ann, "transfer", "&qid=" + stopped));
        assertError("Transfer to qid or number, not both", desk.agentPhp(ann, "transfer",
                "&qid=" + second + "&number=07700900999"));
        assertLine("talk", desk.state(ann));
        assertEquals("wait", desk.state(bob).path("state").asText());

        JsonNode moved = desk.agentPhp(ann, "transfer", "&qid=" + second);
        assertEquals("wrap", moved.path("state").asText(), moved.toString());
        assertEquals(callid, moved.path("callid").asLong(), moved.toString());
        JsonNode taken = desk.state(bob);
        assertEquals("call", taken.path("state").asText(), taken.toString());
        assertEquals(second, taken.path("qid").asLong());
        assertEquals(urn, taken.path("urn").asLong(), taken.toString());
        long onward = taken.path("callid").asLong();
        assertNotEquals(callid, onward);
        desk.agentPhp(ann, "disposition", "&outcome=" + passedOn);
        engine.advance(Duration.ofSeconds(1));
        assertLine("talk", desk.state(bob));
        desk.agentPhp(bob, "hangup", "");
        assertEquals("wait", desk.agentPhp(bob, "disposition", "&outcome=" + sale)
                .path("state").asText());

        JsonNode list = cdrs();
        JsonNode out = byCallid(list, callid);
        JsonNode tpt = byCallid(list, onward);
        assertEquals(List.of("out", String.valueOf(first), "Queue A", "Queue A",
                String.valueOf(ann), String.valueOf(passedOn), "Answered"), fields(out));
        assertEquals(List.of("tpt", String.valueOf(second), "Queue B", "Queue A",
                String.valueOf(bob), String.valueOf(sale), "Answered"), fields(tpt));
        assertEquals(out.path("ddi").asText(), tpt.path("ddi").asText());
        assertEquals(String.valueOf(urn), tpt.path("urn").asText());
        assertEquals(0, callsOfQueue(first).path("nc_tpt").asInt());
        assertEquals(1, callsOfQueue(second).path("nc_tpt").asInt());
        assertEquals(0, callsOfQueue(second).path("nc_dtpt").asInt());
        Record rec = record(urn);
        assertEquals(sale, rec.get(0, Long.class), "the last agent's outcome");
        assertEquals(1, rec.get(1, Integer.class), "one dialling attempt for both legs");
        assertEquals(null, rec.get(2, String.class), "the lease is given back");
        assertEquals(List.of("wait:login", "call:", "wrap:transfer", "wait:"),
                statusLog(ann).subList(0, 4));
        assertEquals(List.of("wait:login", "call:", "wrap:", "wait:"),
                statusLog(bob).subList(0, 4));
    }

    @Test
    void aServerStoppedDuringTransfersClosesEveryLegWithOutcome108AndKeepsOneAttemptARecord() {
        centre();
        long first = desk.queue("Queue A", 20, Map.of());
        long second = desk.queue("Queue B", 0, Map.of("max_wait", "3600"));
        engine = desk.startEngine();
        long ann = desk.agent(first, "ann");
        desk.agentPhp(ann, "agent_dial", "");
        JsonNode sold = onCall(ann);
        long soldUrn = sold.path("urn").asLong();
        assertLine("parked", desk.agentPhp(ann, "park", ""));
        desk.agentPhp(ann, "transfer", "&qid=" + second);
        desk.agentPhp(ann, "disposition", "&outcome=" + sale);
        JsonNode next = onCall(ann);
        long nextUrn = next.path("urn").asLong();
        assertLine("parked", desk.agentPhp(ann, "park", ""));
        assertLine("consult", desk.agentPhp(ann, "transfer", "&number=07700%20900950"));

        // The server stops here: a customer waits in Queue B, a customer is parked while the
        // agent consults. A dialler started on the same database closes what it left open.
        DiallerEngine restarted = new DiallerEngine(server.server().database(),
                DialGuard.OFF, EngineSettings.defaults().withRealTime(false)
                        .withStart(engine.now()),
                server.dataDir(), server.clock);
        restarted.start();
        restarted.close();

        JsonNode list = cdrs();
        String soldDdi = byCallid(list, sold.path("callid").asLong()).path("ddi").asText();
        List<String> closed = new ArrayList<>();
        list.forEach(c -> {
            if (c.path("ocid").asLong() == 108) {
                closed.add(c.path("dtype").asText() + " " + c.path("qid").asText() + " "
                        + c.path("urn").asText() + " " + c.path("ddi").asText());
            }
        });
        closed.sort(null);
        List<String> expected = new ArrayList<>(List.of(
                "out " + first + " " + nextUrn + " " + byCallid(list,
                        next.path("callid").asLong()).path("ddi").asText(),
                "tpt " + first + " " + nextUrn + " +447700900950",
                "tpt " + second + " " + soldUrn + " " + soldDdi));
        expected.sort(null);
        assertEquals(expected, closed);
        Record soldRecord = record(soldUrn);
        assertEquals(sale, soldRecord.get(0, Long.class), "the agent's outcome stays");
        assertEquals(1, soldRecord.get(1, Integer.class), "one attempt: the dialler's call");
        assertEquals(null, soldRecord.get(2, String.class));
        Record nextRecord = record(nextUrn);
        assertEquals(108, nextRecord.get(0, Long.class));
        assertEquals(1, nextRecord.get(1, Integer.class), "one attempt, not one a leg");
        assertEquals(null, nextRecord.get(2, String.class));
        assertEquals(0, server.server().database().dsl().fetchCount(DSL.table(
                DSL.name("calls_open"))));
    }

    private static List<String> fields(JsonNode cdr) {
        List<String> values = new ArrayList<>();
        for (String f : List.of("dtype", "qid", "qnm", "orig_qnm", "aid", "ocid", "cres")) {
            values.add(cdr.path(f).asText());
        }
        return values;
    }

    @Test
    void aTransferToAQueueWithNobodyWaitingIsLostThereAfterItsMaxWait() {
        centre();
        long first = desk.queue("Queue A", 3, Map.of());
        long second = desk.queue("Queue B", 0, Map.of("max_wait", "20"));
        engine = desk.startEngine();
        long ann = desk.agent(first, "ann");
        desk.agentPhp(ann, "agent_dial", "");
        JsonNode call = onCall(ann);
        long urn = call.path("urn").asLong();

        assertLine("parked", desk.agentPhp(ann, "park", ""));
        assertEquals("wrap", desk.agentPhp(ann, "transfer", "&qid=" + second).path("state")
                .asText());
        desk.agentPhp(ann, "disposition", "&outcome=" + passedOn);
        JsonNode list = awaitThirdPartyCdrs(1);

        JsonNode lost = ofType(list, "tpt").get(0);
        assertEquals(List.of("tpt", String.valueOf(second), "Queue B", "Queue A", "0", "106",
                "Abandoned"), fields(lost));
        assertEquals("info_message", lost.path("flags").asText(), lost.toString());
        JsonNode ofSecond = callsOfQueue(second);
        assertEquals(1, ofSecond.path("nc_dtpt").asInt(), ofSecond.toString());
        assertEquals(1, ofSecond.path("nc_que").asInt(), ofSecond.toString());
        Record rec = record(urn);
        assertEquals(passedOn, rec.get(0, Long.class), "a lost transfer keeps the outcome");
        assertEquals(1, rec.get(1, Integer.class));
        assertEquals(null, rec.get(2, String.class));
    }

    @Test
    void aBlindTransferToANumberPutsTheCustomerThroughAndTheAgentWraps() {
        centre();
        long qid = desk.queue("Queue A", 3, Map.of());
        engine = desk.startEngine();
        long ann = desk.agent(qid, "ann");
        client.dnc().create(List.of(Map.of("ddi", "+447700900888")));
        desk.agentPhp(ann, "agent_dial", "");
        JsonNode call = onCall(ann);
        long callid = call.path("callid").asLong();
        long urn = call.path("urn").asLong();

        assertError("Bad argument: number", desk.agentPhp(ann, "transfer", "&number=call-me"));
        assertError("Number not dialled: dnc", desk.agentPhp(ann, "transfer",
                "&number=07700%20900888"));
        JsonNode unchanged = desk.state(ann);
        assertLine("talk", unchanged);
        assertTrue(unchanged.path("tpt").isNull(), unchanged.toString());
        JsonNode gone = desk.agentPhp(ann, "transfer", "&number=07700%20900999");
        assertEquals("wrap", gone.path("state").asText(), gone.toString());
        assertEquals(callid, gone.path("callid").asLong());
        assertError("Agent is in wrap: set a disposition first", desk.agentPhp(ann, "park", ""));
        desk.agentPhp(ann, "disposition", "&outcome=" + passedOn);
        JsonNode list = awaitThirdPartyCdrs(1);

        JsonNode out = byCallid(list, callid);
        assertEquals(List.of("out", String.valueOf(qid), "Queue A", "Queue A",
                String.valueOf(ann), String.valueOf(passedOn), "TPT"), fields(out));
        JsonNode tpt = ofType(list, "tpt").get(0);
        assertEquals("+447700900999", tpt.path("ddi").asText(), tpt.toString());
        assertEquals(CALLER_ID, tpt.path("cli").asText(), tpt.toString());
        assertEquals(String.valueOf(urn), tpt.path("urn").asText());
        assertEquals(List.of("tpt", String.valueOf(qid), "Queue A", "Queue A", "0", "0"),
                fields(tpt).subList(0, 6), tpt.toString());
        assertAnsweredOrNot(tpt);
        assertEquals("", tpt.path("flags").asText(), "no tpt_record: " + tpt);
        JsonNode calls = callsOfQueue(qid);
        assertEquals(1, calls.path("nc_tpt").asInt(), calls.toString());
        assertEquals(1, calls.path("nc_dtpt").asInt(), calls.toString());
        assertEquals(calls.path("nc_out").asInt() + 1, calls.path("nc_all").asInt());
        engine.advance(Duration.ofSeconds(2));
        assertEquals(null, record(urn).get(2, String.class), "the lease is given back");
    }

    /** recording.php serves the call's recording, a WAV file. */
    private void assertRecording(long callid) throws Exception {
        HttpResponse<byte[]> wav = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(server.baseUrl() + "/recording.php?token=" + api.token + "&callid="
                        + callid)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, wav.statusCode(), "recording of " + callid);
        assertEquals("RIFF", new String(wav.body(), 0, 4, StandardCharsets.US_ASCII));
    }

    /** A third party who answered talked; one who did not has a result that says why. */
    private static void assertAnsweredOrNot(JsonNode tpt) {
        if (tpt.path("tm_answ").isNull()) {
            assertTrue(UNANSWERED.contains(tpt.path("cres").asText()), tpt.toString());
            assertEquals("0.000", tpt.path("sec_tpt").asText(), tpt.toString());
        } else {
            assertEquals("Answered", tpt.path("cres").asText(), tpt.toString());
            assertTrue(Double.parseDouble(tpt.path("sec_tpt").asText()) > 0, tpt.toString());
        }
    }

    @Test
    void aConsultationCallsTheThirdPartyWhileTheCustomerIsParkedThenPutsThemThrough()
            throws Exception {
        centre();
        long qid = desk.queue("Queue A", 3, Map.of("tpt_record", "Y"));
        engine = desk.startEngine();
        long ann = desk.agent(qid, "ann");
        desk.agentPhp(ann, "agent_dial", "");
        JsonNode call = onCall(ann);
        long callid = call.path("callid").asLong();
        long urn = call.path("urn").asLong();
        assertLine("parked", desk.agentPhp(ann, "park", ""));
        List<String> lines = new ArrayList<>(List.of("parked"));

        JsonNode ringing = desk.agentPhp(ann, "transfer", "&number=07700%20900950");
        assertLine("consult", ringing);
        lines.add("consult");
        assertEquals("ringing", ringing.path("tpt").path("state").asText(), ringing.toString());
        assertEquals("+447700900950", ringing.path("tpt").path("ddi").asText());
        assertError("The third party has not answered", desk.agentPhp(ann, "transfer", ""));
        assertError("Cannot park: the line is consult, expected talk",
                desk.agentPhp(ann, "park", ""));
        assertError("Cannot unpark_tpt: the line is consult, expected tpt_parked",
                desk.agentPhp(ann, "unpark_tpt", ""));
        assertError("Cannot transfer: the line is consult, expected talk or parked",
                desk.agentPhp(ann, "transfer", "&number=07700900951"));
        assertError("Cannot transfer: the line is consult, expected talk or parked",
                desk.agentPhp(ann, "transfer", "&qid=" + qid));
        assertLine("consult", desk.state(ann));
        // hangup during a consultation ends the third party's leg only.
        JsonNode dropped = desk.agentPhp(ann, "hangup", "");
        assertLine("parked", dropped);
        lines.add("parked");
        assertTrue(dropped.path("tpt").isNull(), dropped.toString());
        int consulted = 1;

        JsonNode talking = null;
        for (int attempt = 0; attempt < 12 && talking == null; attempt++) {
            assertLine("consult", desk.agentPhp(ann, "transfer",
                    "&number=07700%20900" + (960 + attempt)));
            lines.add("consult");
            consulted++;
            talking = awaitThirdParty(ann);
            if (talking == null) {
                lines.add("parked");
            }
        }
        assertNotNull(talking, "no third party answered in 12 calls");
        JsonNode back = desk.agentPhp(ann, "unpark", "");
        assertLine("tpt_parked", back);
        assertEquals("held", back.path("tpt").path("state").asText(), back.toString());
        assertError("Cannot unpark: the line is tpt_parked, expected parked or consult",
                desk.agentPhp(ann, "unpark", ""));
        assertLine("consult", desk.agentPhp(ann, "unpark_tpt", ""));
        assertLine("tpt_parked", desk.agentPhp(ann, "unpark", ""));
        lines.addAll(List.of("tpt_parked", "consult", "tpt_parked"));
        JsonNode through = desk.agentPhp(ann, "transfer", "");
        assertEquals("wrap", through.path("state").asText(), through.toString());
        desk.agentPhp(ann, "disposition", "&outcome=" + passedOn);
        JsonNode list = awaitThirdPartyCdrs(consulted);

        assertEquals("TPT", byCallid(list, callid).path("cres").asText());
        List<JsonNode> legs = ofType(list, "tpt");
        assertEquals(consulted, legs.size(), legs.toString());
        int putThrough = 0;
        for (JsonNode leg : legs) {
            assertEquals(String.valueOf(urn), leg.path("urn").asText(), leg.toString());
            // tpt_record: a third party who answered is recorded.
            boolean answered = !leg.path("tm_answ").isNull();
            assertEquals(answered ? "recorded" : "", leg.path("flags").asText(), leg.toString());
            if (answered) {
                assertRecording(leg.path("callid").asLong());
            }
            if (leg.path("aid").asLong() == 0) {
                putThrough++;
                assertEquals("Answered", leg.path("cres").asText(), leg.toString());
            } else {
                assertEquals(ann, leg.path("aid").asLong(), "a consultation only: " + leg);
                assertAnsweredOrNot(leg);
            }
        }
        assertEquals(1, putThrough);
        JsonNode calls = callsOfQueue(qid);
        assertEquals(consulted, calls.path("nc_tpt").asInt(), calls.toString());
        assertEquals(1, calls.path("nc_dtpt").asInt(), calls.toString());
        List<String> expected = new ArrayList<>(List.of("wait:login", "call:"));
        lines.forEach(l -> expected.add("call:" + l));
        expected.addAll(List.of("wrap:transfer", "wait:"));
        assertEquals(expected, statusLog(ann).subList(0, expected.size()));
    }

    /**
     * Steps the engine while the agent consults: answers its state once the third party
     * talks with it, or null once the third party's leg ended unanswered.
     */
    private JsonNode awaitThirdParty(long agent) {
        for (int i = 0; i < 30; i++) {
            engine.advance(Duration.ofSeconds(1));
            JsonNode now = desk.state(agent);
            if ("parked".equals(now.path("line").asText())) {
                return null;
            }
            if ("talking".equals(now.path("tpt").path("state").asText())) {
                // Answered; the third party is bridged to the agent a moment later.
                engine.advance(Duration.ofSeconds(1));
                JsonNode connected = desk.state(agent);
                assertLine("consult", connected);
                return connected;
            }
        }
        throw new AssertionError("the third party neither answered nor gave up");
    }
}
