package org.opendialler.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opendialler.live.Recordings;
import org.opendialler.reporting.Cdr;
import org.opendialler.reporting.CdrStore;
import org.opendialler.testing.Api;
import org.opendialler.testing.TestServer;

/** The Java client library against a real OpenDialler, method by method. */
class ClientAgainstServerTest {

    private static TestServer server;
    private static Api api;
    private static ContactNowClient client;

    @BeforeAll
    static void start() {
        server = TestServer.start(c -> c.withReadCap(25));
        api = server.newCentre("Client");
        client = ContactNowClient.builder().baseUrl(server.baseUrl() + "/api/")
                .credentials(api.username, api.password).clock(server.clock).build();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static List<Map<String, Object>> leads(long dataset, int n, int from) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("dataset", dataset);
            row.put("FirstName", "Lead " + (from + i));
            row.put("MobilePhone", String.format("07700 900%03d", from + i));
            rows.add(row);
        }
        return rows;
    }

    @Test
    void tablesDatasetsAndRecordsRoundTrip() {
        client.campaignTables().create(List.of(Map.of("name", "ClientT")));
        client.campaignFields().create(List.of(Map.of("table", "ClientT", "name", "Colour",
                "type", "varchar", "size", 20)));
        long ds = client.datasets().create("ClientT", "first load");
        List<Map<String, Object>> rows = leads(ds, 60, 0);
        rows.add(Map.of("dataset", ds, "FirstName", "No phone"));

        List<WriteResult> batches = client.records().create(rows, 25);
        List<String> names = new ArrayList<>();
        Iterator<Map<String, String>> all = client.records().iterate(
                new RecordQuery().dataset(ds));
        all.forEachRemaining(r -> names.add(r.get("FirstName")));
        Page fields = client.campaignFields().read(Map.of("table", "ClientT"));

        assertEquals(List.of(25, 25, 10), batches.stream().map(WriteResult::total).toList());
        assertEquals(1, batches.get(2).bad());
        assertEquals(10, batches.get(2).errors().get(0).index());
        assertEquals(60, names.size());
        assertEquals("Lead 0", names.get(0));
        assertEquals("Lead 59", names.get(59));
        assertTrue(fields.rows().stream().anyMatch(f -> "Colour".equals(f.get("name"))));
    }

    @Test
    void recordsUpdateDeleteAndFilter() {
        client.campaignTables().create(List.of(Map.of("name", "ClientU")));
        long ds = client.datasets().create("ClientU", "updates");
        long id = client.records().create(leads(ds, 1, 100)).key();

        client.records().update(List.of(Map.of("id", id, "dataset", ds, "LastName",
                "Jones")));
        Page found = client.records().read(new RecordQuery().table("ClientU")
                .search("lastname", "jon"));
        Page byPhone = client.records().read(new RecordQuery().table("ClientU")
                .ddi("+447700900100"));
        client.records().delete(List.of(Map.of("id", id, "dataset", ds)));
        Page gone = client.records().read(new RecordQuery().table("ClientU").id(id));

        assertEquals(List.of(String.valueOf(id)),
                found.rows().stream().map(r -> r.get("id")).toList());
        assertEquals(1, byPhone.total());
        assertEquals(0, gone.total());
    }

    @Test
    void datasetsChangeStatusAndPriority() {
        client.campaignTables().create(List.of(Map.of("name", "ClientD")));
        long ds = client.datasets().create("ClientD", "steer");
        client.records().create(leads(ds, 3, 200));

        client.datasets().setStatus(ds, Datasets.Status.LIVE);
        client.datasets().setPriority(ds, 40);
        Page live = client.records().read(new RecordQuery().dataset(ds)
                .mode(RecordQuery.Mode.LIVE));
        Map<String, String> item = client.datasets().read(Map.of("dataset", "" + ds))
                .rows().get(0);

        assertEquals(3, live.total());
        assertEquals("LIVE", item.get("d_status"));
        assertEquals("40", item.get("d_priority"));
    }

    @Test
    void configurationResourcesCreateReadUpdateDelete() {
        client.campaignTables().create(List.of(Map.of("name", "ClientQ")));
        long team = client.teams().create(List.of(Map.of("name", "Blue"))).key();
        long agent = client.agents().create(List.of(Map.of("login", "client-agent",
                "firstname", "Cai", "password", "agent-pass-1", "team", team))).key();
        long qid = client.queues().create(List.of(Map.of("type", "outbound",
                "table", "ClientQ", "description", "Client queue"))).key();
        client.priority().create(List.of(Map.of("agentid", agent, "qid", qid, "level", 50)));
        long outcome = client.outcomeCodes().create(List.of(Map.of("description", "Sold",
                "sale", "Y", "complete", "Y"))).key();
        client.dnc().create(List.of(Map.of("ddi", "07700 900999")));

        client.queues().update(List.of(Map.of("qid", qid, "description", "Renamed")));
        Page queues = client.queues().read(Map.of("qid", "" + qid));
        Page system = client.outcomeCodes().read(Map.of("mode", "system"));
        Page dnc = client.dnc().read(Map.of("ddi", "+447700900999"));
        Page priority = client.priority().read(Map.of("qid", "" + qid));

        assertEquals("Renamed", queues.rows().get(0).get("description"));
        assertTrue(system.rows().stream().anyMatch(r -> "108".equals(r.get("outcome"))));
        assertEquals(1, dnc.total());
        assertEquals(String.valueOf(agent), priority.rows().get(0).get("agentid"));
        assertTrue(outcome > 200);
    }

    @Test
    void reportsCallsAndCdrWithTypedFields() {
        Instant start = Instant.parse("2026-11-02T10:00:00Z");
        server.server().database().transaction(dsl -> {
            for (int i = 0; i < 4; i++) {
                CdrStore.insert(dsl, Cdr.builder().ccid(api.ccid).qid(7).qtable("ClientR")
                        .qnm("Reports").qtype("outbound").ctype("out").dtype("out")
                        .cres(i < 3 ? "Answered" : "No Answer").ddi("+447700900500")
                        .tmInit(start.plusSeconds(60L * i)).ring(Duration.ofSeconds(5))
                        .duration(Duration.ofSeconds(30)).build());
            }
            return null;
        });
        long from = start.getEpochSecond();
        long to = from + 3600;

        Page calls = client.reports().calls(List.of(CallsField.QNM, CallsField.NC_ALL,
                CallsField.NC_ANS), List.of(CallsField.QNM), from, to, Map.of());
        Page cdr = client.reports().cdr(List.of("callid", "cres"), from, to,
                Map.of("sort", "-callid", "limit", "2"));

        assertEquals("Reports", calls.rows().get(0).get("qnm"));
        assertEquals("4", calls.rows().get(0).get("nc_all"));
        assertEquals(4, cdr.total());
        assertEquals(2, cdr.rows().size());
        assertEquals("No Answer", cdr.rows().get(0).get("cres"));
        assertThrows(IllegalArgumentException.class, () -> client.reports().calls(
                List.of(CallsField.NC_ALL), List.of(CallsField.NC_ALL), from, to, Map.of()));
    }

    @Test
    void liveLogsAndTheRestOfTheConfigurationAnswer() {
        client.campaignTables().create(List.of(Map.of("name", "ClientL")));
        long qid = client.queues().create(List.of(Map.of("type", "inbound",
                "description", "In"))).key();
        client.ddis().create(List.of(Map.of("ddi", "0113 496 0999", "qid", qid)));
        client.todPolicies().create(List.of(Map.of("description", "Office hours")));
        client.campaigns().create(List.of(Map.of("name", "Autumn", "table", "ClientL")));

        Page ddis = client.ddis().read();
        Page policies = client.todPolicies().read();
        Page campaigns = client.campaigns().read(Map.of("state", "active"));
        Page queues = client.live().queues(Map.of("qid", "" + qid));
        Page summary = client.live().summary();
        Page agents = client.live().agents(Map.of());
        Page status = client.statusLog().read();
        Page cdrLog = client.cdrLog().read(Map.of("tstart", "2026-01-01 00:00:00",
                "tstop", "2026-01-02 00:00:00"));

        assertEquals(1, ddis.total());
        assertEquals("Office hours", policies.rows().get(0).get("description"));
        assertEquals("Autumn", campaigns.rows().get(0).get("name"));
        assertEquals(String.valueOf(qid), queues.rows().get(0).get("qid"));
        assertEquals(1, summary.rows().size());
        assertEquals(0, agents.total());
        assertEquals(0, status.total());
        assertEquals(0, cdrLog.total());
    }

    @Test
    void agentActionsClickToDialAndRecordingsSayWhyTheyCannot() {
        long agent = client.agents().create(List.of(Map.of("login", "no-dialler",
                "firstname", "Nia", "password", "agent-pass-1"))).key();
        client.campaignTables().create(List.of(Map.of("name", "ClientC")));
        long qid = client.queues().create(List.of(Map.of("type", "outbound",
                "table", "ClientC"))).key();

        ContactNowException state = assertThrows(ContactNowException.class,
                () -> client.agentActions().act("ready", agent, Map.of()));
        ContactNowException stranger = assertThrows(ContactNowException.class,
                () -> client.agentActions().act("ready", agent + 1000, Map.of()));
        ContactNowException dial = assertThrows(ContactNowException.class,
                () -> client.click2dial(qid, "07700900123", Map.of()));
        ContactNowException recording = assertThrows(ContactNowException.class,
                () -> client.downloadRecording(424242, new java.io.ByteArrayOutputStream()));

        assertEquals("Dialler is not running", state.error());
        assertEquals("Agent not found", stranger.error());
        assertEquals("Dialler is not running", dial.error());
        assertEquals("Recording not found", recording.error());
    }

    @Test
    void untypedCallsAndErrorsCarryTheEnvelope() {
        JsonNode tables = client.call("ecnow.php", "campaign_tables", "read", Map.of());
        ContactNowException unknown = assertThrows(ContactNowException.class,
                () -> client.call("ecnow.php", "no_such", "read", Map.of()));

        assertTrue(tables.get("success").asBoolean());
        assertEquals(String.valueOf(api.ccid), tables.get("account_id").asText());
        assertEquals("Unknown method", unknown.error());
    }

    @Test
    void anExpiredTokenIsRenewedWithoutTheCallerNoticing() {
        ContactNowClient own = ContactNowClient.builder().baseUrl(server.baseUrl())
                .credentials(api.username, api.password).build();
        String first = own.token();
        server.clock.advance(Duration.ofSeconds(43_200));

        Page tables = own.campaignTables().read();

        assertTrue(tables.total() >= 0);
        assertTrue(!first.equals(own.token()));
    }

    /** A PCM WAV file: 8 kHz, 16-bit mono (16,000 bytes a second) of {@code dataBytes}. */
    private static byte[] wav(int dataBytes) {
        ByteBuffer b = ByteBuffer.allocate(44 + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + dataBytes)
                .put("WAVE".getBytes(StandardCharsets.US_ASCII));
        b.put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1)
                .putShort((short) 1).putInt(8000).putInt(16_000).putShort((short) 2)
                .putShort((short) 16);
        b.put("data".getBytes(StandardCharsets.US_ASCII)).putInt(dataBytes);
        return b.array();
    }

    @Test
    void anAudioUploadCreatesThenOverwritesTheFileOfThatName() throws Exception {
        byte[] half = wav(8_000);
        byte[] whole = wav(16_000);

        WriteResult created = client.audioFiles().upload("welcome.wav", half, null);
        WriteResult again = client.audioFiles().upload("welcome.wav", whole, "Hello again");
        Map<String, String> row = client.audioFiles().read(Map.of("name", "welcome.wav"))
                .rows().get(0);
        Path stored = server.dataDir().resolve("blobs").resolve("audio")
                .resolve(String.valueOf(api.ccid)).resolve(created.key() + ".wav");
        byte[] onDisk = Files.readAllBytes(stored);
        client.audioFiles().delete(List.of(Map.of("name", "welcome.wav")));
        Page gone = client.audioFiles().read(Map.of("name", "welcome.wav"));

        assertEquals(created.key(), again.key());
        assertEquals(String.valueOf(created.key()), row.get("id"));
        assertEquals(String.valueOf(whole.length), row.get("size"));
        assertEquals(1.0, Double.parseDouble(row.get("duration")));
        assertEquals("Hello again", row.get("transcript"));
        assertTrue(Arrays.equals(whole, onDisk));
        assertEquals(0, gone.total());
    }

    @Test
    void recordingsListOnlyTheRecordedCallsOfTheRangeAndDownloadThem() throws Exception {
        Instant at = Instant.parse("2025-06-03T09:00:00Z");
        var dsl = server.server().database().dsl();
        long recorded = CdrStore.insert(dsl, Cdr.builder().ccid(api.ccid).qid(9).urn(31)
                .ctype("out").dtype("out").cres("Answered").flags("recorded").tmInit(at)
                .duration(Duration.ofMillis(30_250)).build());
        CdrStore.insert(dsl, Cdr.builder().ccid(api.ccid).qid(9).urn(32).ctype("out")
                .dtype("out").cres("Answered").flags("").tmInit(at.plusSeconds(60))
                .duration(Duration.ofSeconds(12)).build());
        byte[] audio = wav(4_000);
        Path file = Recordings.path(server.dataDir(), api.ccid, recorded);
        Files.createDirectories(file.getParent());
        Files.write(file, audio);
        long from = at.getEpochSecond() - 60;

        Page list = client.recordings().list(from, from + 3600, Map.of());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long size = client.recordings().download(recorded, out);

        assertEquals(1, list.total());
        Map<String, String> item = list.rows().get(0);
        assertEquals(String.valueOf(recorded), item.get("callid"));
        assertEquals("31", item.get("urn"));
        assertEquals(String.valueOf(at.getEpochSecond()), item.get("tm_init"));
        assertEquals("30.250", item.get("sec_dur"));
        assertEquals(String.valueOf(audio.length), item.get("size"));
        assertEquals(audio.length, size);
        assertTrue(Arrays.equals(audio, out.toByteArray()));
    }

    @Test
    void reportCataloguesNameEveryTypedFieldWithItsGrouping() {
        Page calls = client.reports().fields("calls");
        Page cdr = client.reports().fields("cdr");
        Page agents = client.reports().fields("agents");

        Map<String, String> grouping = new HashMap<>();
        calls.rows().forEach(r -> grouping.put(r.get("field"), r.get("grouping")));
        for (CallsField f : CallsField.values()) {
            assertEquals(f.groupable() ? "1" : "0", grouping.get(f.wire()), f.wire());
        }
        assertTrue(fieldNames(cdr).containsAll(List.of("callid", "cres", "sec_dur", "flags")));
        assertTrue(fieldNames(agents).containsAll(List.of("aid", "anm", "tm_login",
                "tm_logout")));
        assertTrue(calls.rows().stream().allMatch(r -> r.get("name") != null
                && r.get("numeric") != null));
    }

    private static Set<String> fieldNames(Page catalogue) {
        return catalogue.rows().stream().map(r -> r.get("field")).collect(Collectors.toSet());
    }
}
