package org.opendialler.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.opendialler.client.ContactNowClient;
import org.opendialler.client.Datasets;
import org.opendialler.client.WriteResult;
import org.opendialler.ecnow.load.CsvLeads;
import org.opendialler.ecnow.load.LeadLoader;

/**
 * Builds the demo's contact centre through the public API, as a customer would: a campaign
 * table, two datasets of different priority, a predictive queue with a caller id, outcome codes,
 * agents with priority rows on the queue, and leads.
 */
final class DemoCentre {

    static final String TABLE = "demo_leads";
    static final String CALLER_ID = "+442079460999";
    private static final String[] FIRST = {"Ada", "Ben", "Chloe", "Dev", "Erin", "Farid",
        "Grace", "Hugo", "Isla", "Jon", "Kiran", "Lena", "Milo", "Nia", "Owen", "Priya"};
    private static final String[] LAST = {"Smith", "Jones", "Patel", "Nowak", "Garcia",
        "Brown", "Okafor", "Murphy", "Chen", "Evans", "Khan", "Taylor"};
    private static final int[] AREA_CODES = {212, 312, 415, 617, 213, 305, 206, 404, 512, 303};

    private final ContactNowClient client;

    /** What was built. */
    record Built(long qid, long highDataset, long lowDataset, int leads, int refused) {
    }

    DemoCentre(ContactNowClient client) {
        this.client = client;
    }

    Built build(int agents, int leadCount, Path leadsFile, String baseUrl, String username,
            String password, long seed) throws Exception {
        // The table's key is its name, which the client's write result cannot hold as a number.
        client.call("ecnow.php", "campaign_tables", "create", Map.of("name", TABLE));
        long high = client.datasets().create(TABLE, "Warm leads");
        long low = client.datasets().create(TABLE, "Cold leads");
        client.datasets().setPriority(high, 80);
        client.datasets().setPriority(low, 20);
        long qid = queue();
        outcomes();
        agents(qid, agents);

        int good;
        int refused;
        if (leadsFile != null) {
            LeadLoader loader = new LeadLoader(baseUrl, 500);
            loader.login(username, password);
            CsvLeads.Sheet sheet = CsvLeads.read(leadsFile);
            int half = sheet.rows().size() / 2;
            var first = loader.load(new CsvLeads.Sheet(sheet.header(),
                    sheet.rows().subList(0, half), sheet.separator()), Long.toString(high),
                    n -> { });
            var second = loader.load(new CsvLeads.Sheet(sheet.header(),
                    sheet.rows().subList(half, sheet.rows().size()), sheet.separator()),
                    Long.toString(low), n -> { });
            good = first.good() + second.good();
            refused = first.bad() + second.bad();
        } else {
            List<WriteResult> results = client.records().create(leads(leadCount, high, low,
                    seed), 500);
            good = results.stream().mapToInt(WriteResult::total).sum();
            refused = results.stream().mapToInt(WriteResult::bad).sum();
        }

        for (long dataset : List.of(high, low)) {
            client.datasets().assign(dataset, qid);
            client.datasets().setStatus(dataset, Datasets.Status.LIVE);
        }
        client.queues().update(List.of(Map.of("qid", qid, "live", "Y")));
        return new Built(qid, high, low, good, refused);
    }

    private long queue() {
        Map<String, Object> q = new LinkedHashMap<>();
        q.put("type", "outbound");
        q.put("description", "Demo predictive");
        q.put("table", TABLE);
        q.put("callerid", CALLER_ID);
        q.put("dial_mode", "predictive");
        q.put("max_ratio", "3");
        q.put("amd", "Y");
        q.put("wrap_time", "20");
        q.put("monitor", "Y");
        return client.queues().create(List.of(q)).key();
    }

    private void outcomes() {
        List<Map<String, Object>> codes = List.of(
                Map.of("description", "Sale", "complete", "Y", "sale", "Y", "dmc", "Y"),
                Map.of("description", "Not interested", "complete", "Y", "dmc", "Y"),
                Map.of("description", "Call back later", "complete", "N"),
                Map.of("description", "Do not call me", "complete", "Y", "do_not_call", "Y"));
        client.outcomeCodes().create(codes);
    }

    private void agents(long qid, int count) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            rows.add(Map.of("login", "agent" + i, "firstname", FIRST[i % FIRST.length],
                    "lastname", "Agent" + i, "password", "demo-agent-" + i));
        }
        List<Long> ids = client.agents().create(rows).keys();
        List<Map<String, Object>> priorities = new ArrayList<>();
        for (long id : ids) {
            priorities.add(Map.of("agentid", id, "qid", qid, "level", 1));
        }
        client.priority().create(priorities);
    }

    /** Fake leads on fictional numbers only: Ofcom's drama ranges and North American 555-01xx. */
    static List<Map<String, Object>> leads(int count, long high, long low, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("dataset", i % 3 == 0 ? high : low);
            row.put("firstname", FIRST[random.nextInt(FIRST.length)]);
            row.put("lastname", LAST[random.nextInt(LAST.length)]);
            row.put("vendor_urn", "DEMO" + (100000 + i));
            switch (i % 3) {
                case 0 -> row.put("mobilephone", String.format("07700 900%03d", (i / 3) % 1000));
                case 1 -> row.put("homephone", String.format("020 7946 0%03d", (i / 3) % 1000));
                default -> row.put("homephone", String.format("+1 %d 555 01%02d",
                        AREA_CODES[(i / 300) % AREA_CODES.length], (i / 3) % 100));
            }
            rows.add(row);
        }
        return rows;
    }
}
