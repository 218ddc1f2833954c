package org.opendialler.dialler;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.opendialler.client.ContactNowClient;
import org.opendialler.compliance.DialGuard;
import org.opendialler.client.Datasets;
import org.opendialler.reporting.Cdr;
import org.opendialler.reporting.CdrStore;
import org.opendialler.testing.Api;
import org.opendialler.testing.TestServer;

/** Builds a centre for engine tests through the public API, as a customer would. */
final class EngineCentre {

    static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.of("Europe/London"));

    final ContactNowClient client;
    private int nextNumber;

    EngineCentre(TestServer server, Api api) {
        this(server.baseUrl(), api.username, TestServer.PASSWORD);
    }

    EngineCentre(String baseUrl, String username, String password) {
        this.client = ContactNowClient.builder().baseUrl(baseUrl + "/")
                .credentials(username, password).build();
    }

    /** An engine on the test server's database, stepped by the test, not by wall time. */
    static DiallerEngine stepped(TestServer server, DialGuard guard, Instant start, long seed,
            String node) {
        DiallerEngine engine = new DiallerEngine(server.server().database(), guard,
                EngineSettings.defaults().withRealTime(false).withSeed(seed).withStart(start)
                        .withNode(node), server.dataDir(), server.clock);
        engine.start();
        return engine;
    }

    /** {@code count} dialler calls of the queue an hour or so before {@code t0}, as CDRs. */
    static void history(TestServer server, long ccid, long qid, Instant t0, String cres,
            int count, int ocid) {
        for (int i = 0; i < count; i++) {
            Instant at = t0.minus(Duration.ofMinutes(60 + i));
            CdrStore.insert(server.server().database().dsl(), Cdr.builder().ccid(ccid).qid(qid)
                    .ddi("+4477009001" + String.format("%02d", i)).ctype("out").dtype("out")
                    .cres(cres).ocid(ocid).tmInit(at).tmDisc(at.plusSeconds(30)).build());
        }
    }

    /** Steps the engine's virtual clock a minute at a time for {@code length}. */
    static void run(DiallerEngine engine, Duration length) {
        Instant end = engine.now().plus(length);
        while (engine.now().isBefore(end)) {
            engine.scheduler().advance(Duration.ofMinutes(1));
        }
    }

    /**
     * Steps engines that started at one instant on threads of their own, a minute at a time, all
     * waiting for the slowest before the next minute: nodes sharing a database share a clock, so
     * none may run so far ahead that it sweeps another's leases as run out.
     */
    static void runTogether(Duration length, DiallerEngine... engines) throws Exception {
        CyclicBarrier minute = new CyclicBarrier(engines.length);
        ExecutorService threads = Executors.newFixedThreadPool(engines.length);
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (DiallerEngine engine : engines) {
                Instant end = engine.now().plus(length);
                runs.add(threads.submit(() -> {
                    while (engine.now().isBefore(end)) {
                        engine.scheduler().advance(Duration.ofMinutes(1));
                        minute.await(2, TimeUnit.MINUTES);
                    }
                    return null;
                }));
            }
            for (Future<?> run : runs) {
                run.get();
            }
        } finally {
            threads.shutdownNow();
        }
    }

    void table(String name) {
        client.call("ecnow.php", "campaign_tables", "create", Map.of("name", name));
    }

    long dataset(String table, String name, int priority) {
        long id = client.datasets().create(table, name);
        client.datasets().setPriority(id, priority);
        return id;
    }

    long queue(String table, String mode) {
        return queue(table, mode, Map.of());
    }

    /** A queue with {@code more} settings (database.php keys) over the defaults. */
    long queue(String table, String mode, Map<String, Object> more) {
        Map<String, Object> q = new LinkedHashMap<>();
        q.put("type", "outbound");
        q.put("description", "Queue of " + table);
        q.put("table", table);
        q.put("callerid", "+442079460999");
        q.put("dial_mode", mode);
        q.put("amd", "Y");
        q.put("wrap_time", "20");
        q.put("retry_minutes", "10");
        q.putAll(more);
        return client.queues().create(List.of(q)).key();
    }

    void live(long qid, long... datasets) {
        for (long d : datasets) {
            client.datasets().assign(d, qid);
            client.datasets().setStatus(d, Datasets.Status.LIVE);
        }
        client.queues().update(List.of(Map.of("qid", qid, "live", "Y")));
    }

    List<Long> agents(long qid, int count) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            rows.add(Map.of("login", "a" + qid + "x" + i, "firstname", "Agent",
                    "password", "agent-pass"));
        }
        List<Long> ids = client.agents().create(rows).keys();
        List<Map<String, Object>> prio = new ArrayList<>();
        ids.forEach(id -> prio.add(Map.of("agentid", id, "qid", qid, "level", 1)));
        client.priority().create(prio);
        return ids;
    }

    void outcomes() {
        client.outcomeCodes().create(List.of(
                Map.of("description", "Sale", "complete", "Y", "sale", "Y"),
                Map.of("description", "Not interested", "complete", "Y"),
                Map.of("description", "Do not call", "complete", "Y", "do_not_call", "Y")));
    }

    /** Leads on fictional numbers; answers their ids in order. */
    List<Long> leads(long dataset, int count) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            rows.add(lead(dataset));
        }
        return client.records().create(rows).keys();
    }

    /** Leads with these mobile phone numbers, as typed; answers their ids in order. */
    List<Long> leads(long dataset, List<String> numbers) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String number : numbers) {
            Map<String, Object> row = lead(dataset);
            row.put("mobilephone", number);
            rows.add(row);
        }
        return client.records().create(rows).keys();
    }

    /** A lead with a callback at {@code at}, for {@code agent} only when it is not null. */
    long callback(long dataset, Instant at, Long agent) {
        Map<String, Object> row = lead(dataset);
        row.put("callback", LOCAL.format(at));
        if (agent != null) {
            row.put("Agent_Specific", 1);
            row.put("AgentRef", agent);
        }
        return client.records().create(List.of(row)).keys().get(0);
    }

    String numberOf(int index) {
        return String.format("+447700900%03d", index);
    }

    private Map<String, Object> lead(long dataset) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("dataset", dataset);
        row.put("firstname", "Lead" + nextNumber);
        row.put("mobilephone", String.format("07700 900%03d", nextNumber++));
        return row;
    }
}
