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
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opendialler.dialler.DiallerEngine;
import org.opendialler.dialler.EngineSettings;
import org.opendialler.live.Recordings;
import org.opendialler.reporting.Cdr;
import org.opendialler.reporting.CdrStore;
import org.opendialler.tenancy.ApiUser;
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
        assertTrue(policies.rows().stream().anyMatch(r -> "Office hours".equals(
                r.get("description"))), policies.toString());
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
        ContactNowException typo = assertThrows(ContactNowException.class,
                () -> client.agentActions().act("raedy", agent, Map.of()));
        ContactNowException dial = assertThrows(ContactNowException.class,
                () -> client.click2dial(qid, "07700900123", Map.of()));
        ContactNowException recording = assertThrows(ContactNowException.class,
                () -> client.downloadRecording(424242, new java.io.ByteArrayOutputStream()));

        assertEquals("Dialler is not running", state.error());
        assertEquals("Agent not found", stranger.error());
        assertEquals("Unknown action", typo.error());
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

    @Test
    void aCampaignTableIsDeletedAndAFieldUpdated() {
        client.campaignTables().create(List.of(Map.of("name", "ClientGone")));
        client.campaignFields().create(List.of(Map.of("table", "ClientGone", "name", "Shade",
                "type", "varchar", "size", 10)));

        WriteResult field = client.campaignFields().update(List.of(Map.of("table",
                "ClientGone", "name", "Shade", "size", 40, "prompt", "Favourite shade")));
        Map<String, String> shade = client.campaignFields().read(Map.of("table", "ClientGone",
                "name", "Shade")).rows().get(0);
        WriteResult deleted = client.campaignTables().delete(List.of(Map.of("name",
                "ClientGone")));
        Page tables = client.campaignTables().read(Map.of("name", "ClientGone"));

        assertEquals(1, field.total());
        assertEquals("40", shade.get("size"));
        assertEquals("Favourite shade", shade.get("prompt"));
        assertEquals(1, deleted.total());
        assertEquals(0, tables.total());
    }

    @Test
    void teamsAgentsOutcomesAndDncEntriesAreUpdatedAndDeleted() {
        long team = client.teams().create(List.of(Map.of("name", "Red"))).key();
        long agent = client.agents().create(List.of(Map.of("login", "changing-agent",
                "firstname", "Ivy", "password", "agent-pass-2", "team", team))).key();
        long outcome = client.outcomeCodes().create(List.of(Map.of("description",
                "Maybe later"))).key();
        long dnc = client.dnc().create(List.of(Map.of("ddi", "07700 900888"))).key();

        client.teams().update(List.of(Map.of("teamid", team, "name", "Crimson")));
        client.agents().update(List.of(Map.of("agentid", agent, "lastname", "Hale",
                "active", "N")));
        client.outcomeCodes().update(List.of(Map.of("outcome", outcome, "description",
                "Not now", "complete", "Y")));
        ContactNowException dncUpdate = assertThrows(ContactNowException.class,
                () -> client.dnc().update(List.of(Map.of("uid", dnc, "qid", 0))));
        Map<String, String> teamRow = only(client.teams().read(Map.of("teamid", "" + team)));
        Map<String, String> agentRow = only(client.agents().read(Map.of("agentid",
                "" + agent)));
        Map<String, String> outcomeRow = only(client.outcomeCodes().read(Map.of("uid",
                "" + outcome)));
        ContactNowException teamInUse = assertThrows(ContactNowException.class,
                () -> client.teams().delete(List.of(Map.of("teamid", team))));

        client.agents().delete(List.of(Map.of("agentid", agent)));
        client.teams().delete(List.of(Map.of("teamid", team)));
        client.outcomeCodes().delete(List.of(Map.of("outcome", outcome)));
        client.dnc().delete(List.of(Map.of("uid", dnc)));

        assertEquals("Crimson", teamRow.get("name"));
        assertEquals("Hale", agentRow.get("lastname"));
        assertEquals("N", agentRow.get("active"));
        assertEquals(String.valueOf(team), agentRow.get("team"));
        assertEquals("Not now", outcomeRow.get("description"));
        assertEquals("Y", outcomeRow.get("complete"));
        assertEquals("Unknown action", dncUpdate.error());
        assertEquals("Team " + team + " has 1 agents", teamInUse.error());
        assertEquals(0, client.agents().read(Map.of("agentid", "" + agent)).total());
        assertEquals(0, client.teams().read(Map.of("teamid", "" + team)).total());
        assertEquals(0, client.outcomeCodes().read(Map.of("uid", "" + outcome)).total());
        assertEquals(0, client.dnc().read(Map.of("ddi", "+447700900888")).total());
    }

    private static Map<String, String> only(Page page) {
        assertEquals(1, page.total(), page.toString());
        return page.rows().get(0);
    }

    @Test
    void todRulesAreCreatedReadByPolicyUpdatedAndDeleted() {
        long policy = client.todPolicies().create(List.of(Map.of("description",
                "Client hours"))).key();
        long rule = client.todRules().create(List.of(Map.of("policy", policy, "rule",
                "weekdays", "days", "mon-fri", "start", "09:00", "stop", "17:00"))).key();
        client.todRules().create(List.of(Map.of("policy", policy, "days", "sat",
                "start", "10:00", "stop", "13:00")));

        client.todRules().update(List.of(Map.of("uid", rule, "policy", policy,
                "stop", "18:30")));
        Page rules = client.todRules().read(Map.of("policy", "" + policy, "sort", "uid"));
        ContactNowException noPolicy = assertThrows(ContactNowException.class,
                () -> client.todRules().create(List.of(Map.of("start", "08:00",
                        "stop", "09:00"))));
        client.todRules().delete(List.of(Map.of("uid", rule)));
        Page left = client.todRules().read(Map.of("policy", "" + policy));

        assertEquals(2, rules.total());
        Map<String, String> first = rules.rows().get(0);
        assertEquals(String.valueOf(rule), first.get("uid"));
        assertEquals("weekdays", first.get("rule"));
        assertEquals("mon-fri", first.get("days"));
        assertEquals("09:00", first.get("start"));
        assertEquals("18:30", first.get("stop"));
        assertEquals("open", first.get("action"));
        assertEquals("sat", rules.rows().get(1).get("days"));
        assertEquals("Missing policy", noPolicy.error());
        assertEquals(1, left.total());
    }

    @Test
    void eightThreadsShareOneClientAndTheServerIssuesOneToken() throws Exception {
        String username = "shared-" + System.nanoTime();
        ApiUser user = server.server().tenancy().addUser(api.ccid, username,
                TestServer.PASSWORD);
        ContactNowClient shared = ContactNowClient.builder().baseUrl(server.baseUrl())
                .credentials(username, TestServer.PASSWORD).clock(server.clock).build();
        long loginsBefore = tokenGets();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CyclicBarrier together = new CyclicBarrier(8);
        List<Future<Long>> teams = new ArrayList<>();
        try {
            for (int i = 0; i < 8; i++) {
                String name = "Parallel " + i;
                teams.add(pool.submit(() -> {
                    together.await();
                    shared.campaignTables().read();
                    long id = shared.teams().create(List.of(Map.of("name", name))).key();
                    shared.outcomeCodes().read(Map.of("mode", "system"));
                    return id;
                }));
            }
            Set<Long> ids = new HashSet<>();
            for (Future<Long> team : teams) {
                ids.add(team.get());
            }
            assertEquals(8, ids.size());
        } finally {
            pool.shutdownNow();
        }
        long logins = tokenGets() - loginsBefore;

        Set<String> names = client.teams().read().rows().stream().map(r -> r.get("name"))
                .collect(Collectors.toSet());
        long tokens = server.server().database().dsl().fetchCount(DSL.table(DSL.name("tokens")),
                DSL.field(DSL.name("user_id"), Long.class).eq(user.userId()));

        for (int i = 0; i < 8; i++) {
            assertTrue(names.contains("Parallel " + i), names.toString());
        }
        assertEquals(1, tokens);
        assertEquals(1, logins);
    }

    /** token.php requests answered with success, read from /metrics. */
    private static long tokenGets() {
        String metrics = api.get("/metrics").body();
        Matcher m = Pattern.compile("^opendialler_requests_seconds_count\\{([^}]*)\\} (\\S+)$",
                Pattern.MULTILINE).matcher(metrics);
        long count = 0;
        while (m.find()) {
            String labels = m.group(1);
            if (labels.contains("script=\"token.php\"") && labels.contains("result=\"success\"")) {
                count += (long) Double.parseDouble(m.group(2));
            }
        }
        return count;
    }

    /** A Tuesday, 10:00 in London: inside every calling window. */
    private static final Instant T0 = Instant.parse("2024-03-05T10:00:00Z");

    @Test
    void anAgentTakesARealCallAndSetsItsOutcomeThroughTheClient() {
        try (TestServer dialling = TestServer.start()) {
            dialling.clock.set(T0);
            Api owner = dialling.newCentre("Client dialler");
            ContactNowClient c = ContactNowClient.builder().baseUrl(dialling.baseUrl())
                    .credentials(owner.username, owner.password).clock(dialling.clock).build();
            c.campaignTables().create(List.of(Map.of("name", "calls")));
            long sale = c.outcomeCodes().create(List.of(Map.of("description", "Sale",
                    "complete", "Y", "sale", "Y"))).key();
            long ds = c.datasets().create("calls", "To call");
            Map<String, Object> queue = new LinkedHashMap<>();
            queue.put("type", "outbound");
            queue.put("table", "calls");
            queue.put("description", "Client calls");
            queue.put("callerid", "+442079460999");
            queue.put("dial_mode", "progressive");
            queue.put("amd", "N");
            long qid = c.queues().create(List.of(queue)).key();
            c.records().create(leads(ds, 5, 300));
            c.datasets().assign(ds, qid);
            c.datasets().setStatus(ds, Datasets.Status.LIVE);
            c.queues().update(List.of(Map.of("qid", qid, "live", "Y")));
            DiallerEngine engine = dialling.server().startDialler(EngineSettings.defaults()
                    .withRealTime(false).withSeed(7).withStart(T0));
            engine.advance(Duration.ofSeconds(1));
            // Made after the engine started, so the API drives it, not the simulated agents.
            long agent = c.agents().create(List.of(Map.of("login", "api-agent", "firstname",
                    "Rhys", "lastname", "Ball", "password", "agent-pass-3"))).key();
            c.priority().create(List.of(Map.of("agentid", agent, "qid", qid, "level", 1)));

            JsonNode login = c.agentActions().act("agent_dial", agent, Map.of());
            JsonNode onCall = awaitState(c, engine, agent, "call");
            long callid = onCall.path("callid").asLong();
            long urn = onCall.path("urn").asLong();
            Page liveCalls = c.live().calls(Map.of());
            Page liveAgents = c.live().agents(Map.of());
            JsonNode wrap = c.agentActions().act("hangup", agent, Map.of());
            JsonNode done = c.agentActions().disposition(agent, sale,
                    Map.of("notes_append", "sold on the first call"));
            Map<String, String> record = only(c.records().read(new RecordQuery().table("calls")
                    .id(urn)));
            Page sessions = c.reports().agents(List.of("aid", "anm", "tm_login"),
                    T0.getEpochSecond() - 60, T0.getEpochSecond() + 3600, Map.of());

            assertEquals("wait", login.path("state").asText(), login.toString());
            assertTrue(callid > 0 && urn > 0, onCall.toString());
            Map<String, String> call = liveCalls.rows().stream()
                    .filter(r -> String.valueOf(callid).equals(r.get("callid"))).findFirst()
                    .orElseThrow(() -> new AssertionError(liveCalls.toString()));
            assertEquals(String.valueOf(agent), call.get("aid"));
            assertEquals(String.valueOf(qid), call.get("qid"));
            Map<String, String> me = liveAgents.rows().stream()
                    .filter(r -> String.valueOf(agent).equals(r.get("aid"))).findFirst()
                    .orElseThrow(() -> new AssertionError(liveAgents.toString()));
            assertEquals("call", me.get("state"));
            assertEquals(String.valueOf(callid), me.get("callid"));
            assertEquals("wrap", wrap.path("state").asText(), wrap.toString());
            assertEquals("wait", done.path("state").asText(), done.toString());
            assertEquals(String.valueOf(sale), record.get("outcomecode"));
            assertEquals("COMPLETE", record.get("ProcessType"));
            assertTrue(record.get("notes").contains("sold on the first call"), record.toString());
            Map<String, String> session = sessions.rows().stream()
                    .filter(r -> String.valueOf(agent).equals(r.get("aid"))).findFirst()
                    .orElseThrow(() -> new AssertionError(sessions.toString()));
            assertEquals("Rhys Ball", session.get("anm"));
            // The agent logged in after the engine's first virtual second.
            assertEquals(String.valueOf(T0.getEpochSecond() + 1), session.get("tm_login"));
        }
    }

    /** Steps the engine a virtual second at a time until the agent is in {@code state}. */
    private static JsonNode awaitState(ContactNowClient c, DiallerEngine engine, long agent,
            String state) {
        for (int i = 0; i < 600; i++) {
            JsonNode now = c.agentActions().state(agent);
            if (state.equals(now.path("state").asText())) {
                return now;
            }
            engine.advance(Duration.ofSeconds(1));
        }
        throw new AssertionError("agent " + agent + " never reached " + state);
    }
}
