package org.opendialler.reporting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opendialler.testing.Api;
import org.opendialler.testing.TestServer;

class CallsReportApiTest {

    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    // Spans the spring clock change of 2026-03-29 in London.
    private static final Instant FROM = Instant.parse("2026-03-25T00:00:00Z");
    private static final long START = FROM.getEpochSecond();
    private static final long STOP = START + Duration.ofDays(10).getSeconds();

    private static TestServer server;
    private static Api api;
    private static Api other;
    private static List<Cdr> cdrs;
    private static List<Cdr> otherCdrs;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        api = server.newCentre("Calls Centre");
        other = server.newCentre("Other Centre");
        cdrs = insert(new RandomCdrs(7).make(api.ccid, 600, FROM, Duration.ofDays(10)));
        otherCdrs = insert(new RandomCdrs(8).make(other.ccid, 80, FROM, Duration.ofDays(10)));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static List<Cdr> insert(List<Cdr> made) {
        List<Long> ids = CdrStore.insertAll(server.server().database().dsl(), made);
        return RandomCdrs.withCallids(made, ids);
    }

    private static JsonNode calls(Api as, Map<String, String> params) {
        StringBuilder q = new StringBuilder("/reporting.php?token=" + as.token
                + "&method=calls&format=json");
        params.forEach((k, v) -> q.append('&').append(Api.enc(k)).append('=').append(Api.enc(v)));
        return as.get(q.toString()).json();
    }

    private static Map<String, String> params(String groupby, String fields) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("groupby", groupby);
        p.put("fields", fields);
        p.put("range", START + ":" + STOP);
        return p;
    }

    private static String metricNames() {
        return String.join(",", Expected.metrics(List.of(), 20).keySet());
    }

    /** The test's own CDRs grouped by the values the report should give them. */
    private static Map<List<String>, List<Cdr>> expectedGroups(List<Cdr> source,
            List<String> groupby) {
        return source.stream().collect(Collectors.groupingBy(
                c -> groupby.stream().map(g -> Expected.value(c, g, LONDON)).toList(),
                LinkedHashMap::new, Collectors.toList()));
    }

    private static void assertMetricsMatch(Map<String, Object> expected, JsonNode item) {
        expected.forEach((metric, value) -> {
            JsonNode got = item.get(metric);
            assertTrue(got != null && got.isNumber(), metric + " in " + item);
            if (value instanceof BigDecimal d) {
                assertEquals(0, d.compareTo(got.decimalValue()), metric + " in " + item);
            } else {
                assertEquals(value, got.asLong(), metric + " in " + item);
            }
        });
    }

    /** Checks every item of a grouped answer against the groups computed in the test. */
    private static void assertReportMatches(List<Cdr> source, List<String> groupby,
            JsonNode answer, long cutoff) {
        assertTrue(answer.get("success").asBoolean(), answer.toString());
        Map<List<String>, List<Cdr>> groups = expectedGroups(source, groupby);
        assertEquals(groups.size(), answer.get("total").asInt(), groupby.toString());
        for (JsonNode item : answer.get("list")) {
            List<String> key = groupby.stream().map(g -> item.get(g).asText()).toList();
            List<Cdr> group = groups.get(key);
            assertTrue(group != null, "unexpected group " + key);
            assertMetricsMatch(Expected.metrics(group, cutoff), item);
        }
    }

    @Test
    void everyMetricMatchesPlainJavaInEveryGroup() {
        List<String> groupby = List.of("qid", "dtype", "P1D");

        JsonNode answer = calls(api, params("qid,dtype,P1D", "qid,dtype,P1D," + metricNames()));

        assertReportMatches(cdrs, groupby, answer, 20);
    }

    @Test
    void eachGroupableFieldGroupsAlone() {
        for (String field : Expected.TESTED_GROUPABLES) {
            JsonNode answer = calls(api, params(field, field + "," + metricNames()));

            assertReportMatches(cdrs, List.of(field), answer, 20);
        }
    }

    @Test
    void identitiesAndMetricsHoldInSeveralRandomGroupings() {
        Random random = new Random(42);
        for (int round = 0; round < 6; round++) {
            List<String> pool = new ArrayList<>(Expected.TESTED_GROUPABLES);
            Collections.shuffle(pool, random);
            List<String> groupby = pool.subList(0, 1 + random.nextInt(3));
            String list = String.join(",", groupby);

            JsonNode answer = calls(api, params(list, list + "," + metricNames()));

            assertReportMatches(cdrs, groupby, answer, 20);
            Map<List<String>, List<Cdr>> groups = expectedGroups(cdrs, groupby);
            for (JsonNode item : answer.get("list")) {
                List<Cdr> group = groups.get(groupby.stream().map(g -> item.get(g).asText())
                        .toList());
                assertIdentities(item, Expected.count(group, c -> c.ocid() != 0));
            }
        }
    }

    private static void assertIdentities(JsonNode item, long withOutcome) {
        long all = item.get("nc_all").asLong();
        assertEquals(all, item.get("nc_in").asLong() + item.get("nc_out_all").asLong()
                + item.get("nc_sms_out").asLong(), item.toString());
        // Every sale outcome of RandomCdrs is complete.
        assertEquals(item.get("oc_cmpli").asLong(),
                item.get("oc_cmpl").asLong() + item.get("oc_sale").asLong(), item.toString());
        assertEquals(withOutcome,
                item.get("oc_cmpli").asLong() + item.get("oc_ncmpl").asLong(), item.toString());
        assertEquals(item.get("nc_ans_in").asLong(),
                item.get("nc_ans_le").asLong() + item.get("nc_ans_gt").asLong(), item.toString());
    }

    @Test
    void aRangeWithRaggedEndsCountsEveryCallOnceWhateverTheGrouping() {
        // Seven seconds into an hour and thirteen before one ends: the report reads whole hours
        // from the roll-up and the rest at each end from the CDRs.
        long start = START + 7;
        long stop = STOP - 13;
        List<Cdr> inRange = cdrs.stream().filter(c -> c.tmInit().getEpochSecond() >= start
                && c.tmInit().getEpochSecond() <= stop).toList();
        for (String groupby : List.of("qtable,qnm,P1D", "qid,PT1H", "P1W,day,hour", "qtype",
                "P1M,date", "qid,PT15M", "P1M,min_10")) {
            Map<String, String> p = params(groupby, groupby + "," + metricNames());
            p.put("range", start + ":" + stop);

            JsonNode answer = calls(api, p);

            assertReportMatches(inRange, List.of(groupby.split(",")), answer, 20);
        }
    }

    @Test
    void theFiltersOfTheRollUpKeepTheSameCallsAsTheCdrs() {
        Map<String, Predicate<Cdr>> filters = new LinkedHashMap<>();
        Map<String, String> values = new LinkedHashMap<>();
        add(filters, values, "campaign", "Table1", c -> c.qtable().equals("Table1"));
        add(filters, values, "queue", "700,702", c -> c.qid() == 700 || c.qid() == 702);
        add(filters, values, "qtype", "inbound", c -> c.qtype().equals("inbound"));

        for (String filter : filters.keySet()) {
            Map<String, String> p = params("qid,P1D", "qid,P1D," + metricNames());
            p.put(filter, values.get(filter));

            JsonNode answer = calls(api, p);

            List<Cdr> kept = cdrs.stream().filter(filters.get(filter)).toList();
            assertFalse(kept.isEmpty(), filter);
            assertReportMatches(kept, List.of("qid", "P1D"), answer, 20);
        }
    }

    @Test
    void theRollUpHoldsEveryCallAndIsRebuiltFromTheCdrsWhenMissing() {
        var db = server.server().database();
        var slots = org.jooq.impl.DSL.table(org.jooq.impl.DSL.name("cdr_slots"));
        var n = org.jooq.impl.DSL.field(org.jooq.impl.DSL.name("n"), Long.class);
        var ccid = org.jooq.impl.DSL.field(org.jooq.impl.DSL.name("ccid"), Long.class);
        assertEquals(cdrs.size(), db.dsl().select(org.jooq.impl.DSL.sum(n)).from(slots)
                .where(ccid.eq(api.ccid)).fetchOne(0, Long.class));

        db.dsl().deleteFrom(slots).execute();
        CdrStore.fillReportSlots(db);

        assertEquals(cdrs.size(), db.dsl().select(org.jooq.impl.DSL.sum(n)).from(slots)
                .where(ccid.eq(api.ccid)).fetchOne(0, Long.class));
        JsonNode answer = calls(api, params("qtable,qnm,P1D", "qtable,qnm,P1D,"
                + metricNames()));
        assertReportMatches(cdrs, List.of("qtable", "qnm", "P1D"), answer, 20);
    }

    @Test
    void cutoffMovesTheServiceLevelSplit() {
        Map<String, String> p = params("qid", "qid," + metricNames());
        p.put("cutoff", "5");

        JsonNode answer = calls(api, p);

        assertReportMatches(cdrs, List.of("qid"), answer, 5);
    }

    @Test
    void eachFilterIsExactAndTakesACommaList() {
        Cdr sample = cdrs.get(3);
        Map<String, Predicate<Cdr>> filters = new LinkedHashMap<>();
        Map<String, String> values = new LinkedHashMap<>();
        add(filters, values, "campaign", "Table1", c -> c.qtable().equals("Table1"));
        add(filters, values, "queue", "700,702", c -> c.qid() == 700 || c.qid() == 702);
        add(filters, values, "qtype", "inbound", c -> c.qtype().equals("inbound"));
        add(filters, values, "ctype", "out", c -> c.ctype().equals("out"));
        add(filters, values, "agent", "501,503", c -> c.aid() == 501 || c.aid() == 503);
        add(filters, values, "dataset", "2", c -> c.dsid() == 2);
        add(filters, values, "outcome", "500200,103", c -> c.ocid() == 500200 || c.ocid() == 103);
        add(filters, values, "ddi", sample.ddi(), c -> c.ddi().equals(sample.ddi()));
        add(filters, values, "cli", "01134960001", c -> c.cli().equals("01134960001"));
        add(filters, values, "urn", "1,2,3", c -> c.urn() >= 1 && c.urn() <= 3);
        add(filters, values, "team", "42", c -> c.tid() == 42);

        for (String filter : filters.keySet()) {
            Map<String, String> p = params("dtype", "dtype," + metricNames());
            p.put(filter, values.get(filter));

            JsonNode answer = calls(api, p);

            List<Cdr> kept = cdrs.stream().filter(filters.get(filter)).toList();
            assertFalse(kept.isEmpty(), filter);
            assertReportMatches(kept, List.of("dtype"), answer, 20);
        }
    }

    private static void add(Map<String, Predicate<Cdr>> filters, Map<String, String> values,
            String name, String value, Predicate<Cdr> keeps) {
        filters.put(name, keeps);
        values.put(name, value);
    }

    @Test
    void issetKeepsOnlyRowsWhereTheFieldIsSet() {
        Map<String, String> p = params("qid", "qid," + metricNames());
        p.put("isset", "urn,tm_answ");

        JsonNode answer = calls(api, p);

        List<Cdr> kept = cdrs.stream().filter(c -> c.urn() != 0 && c.tmAnsw() != null).toList();
        assertReportMatches(kept, List.of("qid"), answer, 20);
    }

    @Test
    void rangeIsInclusiveAndAcceptsTheRepeatedPrefix() {
        Cdr first = cdrs.stream().min((a, b) -> a.tmInit().compareTo(b.tmInit())).orElseThrow();
        long second = first.tmInit().getEpochSecond();
        Map<String, String> p = params("qid", "nc_all");
        p.put("range", "range=" + second + ":" + second);

        JsonNode answer = calls(api, p);

        long expected = Expected.count(cdrs, c -> c.tmInit().getEpochSecond() == second);
        assertEquals(expected, answer.get("list").get(0).get("nc_all").asLong());
    }

    @Test
    void centreLeadsEveryItemAndGroupValuesAreStrings() {
        JsonNode answer = calls(api, params("qid,has_aid", "nc_all,qid,has_aid,qnm"));

        for (JsonNode item : answer.get("list")) {
            List<String> names = new ArrayList<>();
            item.fieldNames().forEachRemaining(names::add);
            assertEquals(List.of("ccid", "ccnm", "nc_all", "qid", "has_aid", "qnm"), names);
            assertEquals(String.valueOf(api.ccid), item.get("ccid").textValue());
            assertEquals("Calls Centre", item.get("ccnm").textValue());
            assertTrue(item.get("qid").isTextual() && item.get("has_aid").isTextual());
            assertTrue(item.get("nc_all").isNumber());
            assertEquals("Queue " + (item.get("qid").asInt() - 700), item.get("qnm").asText());
        }
    }

    @Test
    void aFieldNotGroupedIsNullWhereTheGroupDisagrees() {
        JsonNode answer = calls(api, params("qid", "qid,aid"));

        answer.get("list").forEach(item -> assertTrue(item.get("aid").isNull(), item.toString()));
    }

    @Test
    void errorsNameTheProblem() {
        assertEquals("Unknown field [nope]",
                calls(api, params("qid", "nc_all,nope")).get("error").asText());
        assertEquals("Unknown field [nope]",
                calls(api, params("nope", "nc_all")).get("error").asText());
        assertEquals("Bad argument: groupby",
                calls(api, params("nc_all", "nc_all")).get("error").asText());
        Map<String, String> noRange = params("qid", "nc_all");
        noRange.remove("range");
        assertEquals("Bad argument: range", calls(api, noRange).get("error").asText());
        Map<String, String> badRange = params("qid", "nc_all");
        badRange.put("range", "20:10");
        assertEquals("Bad argument: range", calls(api, badRange).get("error").asText());
        Map<String, String> badAgent = params("qid", "nc_all");
        badAgent.put("agent", "x");
        assertEquals("Bad argument: agent", calls(api, badAgent).get("error").asText());
        Map<String, String> noGroup = params("qid", "nc_all");
        noGroup.remove("groupby");
        assertEquals("Bad argument: groupby", calls(api, noGroup).get("error").asText());
    }

    @Test
    void fieldsActionListsEveryCallsField() {
        JsonNode answer = api.get("/reporting.php?token=" + api.token
                + "&method=calls&action=fields").json();

        Map<String, JsonNode> byField = new LinkedHashMap<>();
        answer.get("list").forEach(f -> byField.put(f.get("field").asText(), f));
        assertTrue(byField.keySet().containsAll(Expected.TESTED_GROUPABLES));
        assertTrue(byField.keySet().containsAll(Expected.metrics(List.of(), 20).keySet()));
        assertEquals(1, byField.get("qtable").get("grouping").asInt());
        assertEquals(0, byField.get("qtable").get("numeric").asInt());
        assertEquals(1, byField.get("nc_all").get("numeric").asInt());
        assertTrue(byField.get("nc_all").get("name").isTextual());
        assertTrue(byField.get("nc_all").get("description").isTextual());
    }

    @Test
    void xmlAnswerHasOneCallsElementPerGroup() {
        Api.Response r = api.get("/reporting.php?token=" + api.token
                + "&method=calls&format=xml&groupby=ctype&fields=ctype,nc_all&range="
                + START + ":" + STOP);

        assertTrue(r.contentType().startsWith("application/xml"), r.contentType());
        long in = Expected.count(cdrs, c -> c.ctype().equals("in"));
        assertTrue(r.body().contains("<calls><ccid>" + api.ccid + "</ccid><ccnm>Calls Centre"
                + "</ccnm><ctype>in</ctype><nc_all>" + in + "</nc_all></calls>"), r.body());
        assertTrue(r.body().contains("<success>1</success>"), r.body());
    }

    @Test
    void phpWrapperMultipartShapeWorksAndNumericCampaignIsTheCentre() {
        Map<String, String> fields = params("qtable", "qtable," + metricNames());

        JsonNode answer = api.readMultipart("reporting.php", "calls", fields);

        assertReportMatches(cdrs, List.of("qtable"), answer, 20);
    }

    @Test
    void aCentreNeverSeesAnotherCentresCalls() {
        Map<String, String> p = params("qid", "qid," + metricNames());
        p.put("campaign", String.valueOf(api.ccid));

        JsonNode answer = calls(other, p);

        assertReportMatches(otherCdrs, List.of("qid"), answer, 20);
        assertEquals(String.valueOf(other.ccid), answer.get("list").get(0).get("ccid").asText());
    }
}
