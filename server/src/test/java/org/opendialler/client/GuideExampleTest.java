package org.opendialler.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.opendialler.dialler.EngineSettings;
import org.opendialler.testing.Api;
import org.opendialler.testing.TestServer;

/**
 * The complete example of {@code docs/client.md}, run as it is written there against a server
 * whose dialler (simulated carrier and agents) runs a London morning on a fast virtual clock;
 * and a check that the guide still holds exactly this code, so the guide cannot rot.
 */
class GuideExampleTest {

    /** The example's first and last lines, as indented in the test. */
    private static final String START = "            // guide:start";
    private static final String END = "            // guide:end";
    private static final int INDENT = 12;
    private static final String SOURCE = "server/src/test/java/org/opendialler/client/"
            + "GuideExampleTest.java";

    /**
     * Virtual seconds per wall second. The engine runs from the server's start, so the setup's
     * wall time passes on the virtual clock too: at 120 even five minutes of setup on a loaded
     * machine end before 19:00, inside the calling window.
     */
    private static final double SPEED = 120;

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void theGuidesCompleteExampleRunsAndEveryLeadGetsOneCall() throws Exception {
        ZoneId london = ZoneId.of("Europe/London");
        // Calls go out only from 08:00 in the number's zone: the simulated day starts at 08:30.
        Instant start = LocalDate.now(london).atTime(8, 30).atZone(london).toInstant();
        try (TestServer server = TestServer.start(c -> c.withDialler(EngineSettings.defaults()
                .withScale(SPEED).withSeed(11).withStart(start)))) {
            Api owner = server.newCentre("Guide");
            ContactNowClient api = ContactNowClient.builder()
                    .baseUrl(server.baseUrl() + "/api/")
                    .credentials(owner.username, owner.password)
                    .build();

            // guide:start
            // A campaign table, and the outcome codes the agents will set.
            api.campaignTables().create(List.of(Map.of("name", "Leads")));
            long sale = api.outcomeCodes().create(List.of(
                    Map.of("description", "Sale", "complete", "Y", "sale", "Y"),
                    Map.of("description", "Not interested", "complete", "Y"))).key();

            // An outbound queue of the table with the caller id its calls present; one call
            // per lead (max_attempts), so that the example comes to an end.
            long qid = api.queues().create(List.of(Map.of("type", "outbound",
                    "table", "Leads", "description", "November", "callerid", "+442079460999",
                    "dial_mode", "progressive", "max_attempts", 1))).key();

            // Two agents who work the queue (serve --dialler simulates them).
            List<Long> agents = api.agents().create(List.of(
                    Map.of("login", "ann", "firstname", "Ann", "password", "agent-pass-1"),
                    Map.of("login", "bob", "firstname", "Bob", "password", "agent-pass-2")))
                    .keys();
            for (long agent : agents) {
                api.priority().create(List.of(Map.of("agentid", agent, "qid", qid,
                        "level", 1)));
            }

            // A dataset, and its leads in batches of 500 with a result per batch.
            long dataset = api.datasets().create("Leads", "November mailing");
            List<Map<String, Object>> leads = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                leads.add(Map.of("dataset", dataset, "FirstName", "Lead " + i,
                        "MobilePhone", String.format("07700 900%03d", i)));
            }
            for (WriteResult batch : api.records().create(leads, 500)) {
                batch.errors().forEach(e -> System.err.println(e.index() + ": " + e.error()));
            }

            // The dataset on the queue and LIVE, the queue live: the dialler starts calling.
            api.datasets().assign(dataset, qid);
            api.datasets().setStatus(dataset, Datasets.Status.LIVE);
            api.queues().update(List.of(Map.of("qid", qid, "live", "Y")));

            // Wait, an hour at most, until no lead is left without an outcome (outcome 0).
            Instant deadline = Instant.now().plus(Duration.ofHours(1));
            while (api.records().read(new RecordQuery().dataset(dataset).outcome("0")
                    .limit(1)).total() > 0) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("leads are still waiting for a call");
                }
                Thread.sleep(2_000);
            }

            // The outcome of every record, a page at a time.
            Iterator<Map<String, String>> all = api.records().iterate(
                    new RecordQuery().dataset(dataset));
            all.forEachRemaining(r -> System.out.println(r.get("id") + " "
                    + r.get("outcomecode")));

            // The day's calls of the queue: the centre's day, in its time zone.
            ZoneId zone = ZoneId.of("Europe/London");
            long midnight = LocalDate.now(zone).atStartOfDay(zone).toEpochSecond();
            Page report = api.reports().calls(
                    List.of(CallsField.QNM, CallsField.NC_ALL, CallsField.NC_ANS,
                            CallsField.OC_SALE, CallsField.OC_ABDN),
                    List.of(CallsField.QNM),
                    midnight, midnight + 86_399, Map.of());
            report.rows().forEach(System.out::println);
            // guide:end

            var dsl = server.server().database().dsl();
            var records = DSL.table(DSL.name("records"));
            var inDataset = DSL.field(DSL.name("datasetid"), Long.class).eq(dataset);
            long called = dsl.fetchCount(records, inDataset.and(DSL.field(DSL.name("attempts"),
                    Integer.class).eq(1)));
            long sold = dsl.fetchCount(records, inDataset.and(DSL.field(DSL.name("outcomecode"),
                    Long.class).eq(sale)));

            assertEquals(20, called, "every lead called once");
            assertEquals(1, report.total(), report.toString());
            Map<String, String> november = report.rows().get(0);
            assertEquals("November", november.get("qnm"));
            assertEquals("20", november.get("nc_all"));
            assertEquals(String.valueOf(sold), november.get("oc_sale"));
            assertTrue(Integer.parseInt(november.get("nc_ans")) <= 20, november.toString());
        }
    }

    @Test
    void theGuideHoldsTheCodeThisTestRuns() throws IOException {
        String guide = Files.readString(find("docs/client.md"));
        List<String> source = Files.readAllLines(find(SOURCE));

        String tested = String.join("\n", source.subList(source.indexOf(START) + 1,
                source.indexOf(END)).stream().map(l -> l.isEmpty() ? l : l.substring(INDENT))
                .toList());
        String marker = "<!-- the code GuideExampleTest runs -->\n```java\n";
        int from = guide.indexOf(marker);
        assertTrue(from >= 0, "docs/client.md has lost the example's marker");
        String shown = guide.substring(from + marker.length(),
                guide.indexOf("\n```", from + marker.length()));

        assertEquals(tested, shown);
    }

    /** A file of the repository, found by walking up from the working directory. */
    private static Path find(String relative) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(relative))) {
                return dir.resolve(relative);
            }
        }
        throw new IllegalStateException(relative + " not found");
    }
}
