package org.opendialler.reporting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opendialler.protocol.Answer;
import org.opendialler.protocol.ApiException;
import org.opendialler.protocol.ApiRequest;
import org.opendialler.protocol.Caller;
import org.opendialler.protocol.Format;
import org.opendialler.protocol.RequestReader;
import org.opendialler.testing.Api;
import org.opendialler.testing.TestServer;

/**
 * {@link CdrLog} on the real database of a test server, with CDRs inserted through
 * {@link CdrStore}; and over HTTP as the Laravel helper of clients.md reads it.
 */
class CdrLogTest {

    // 2026-07-01 09:00:00 BST is 08:00 UTC.
    private static final Instant NINE_LOCAL = Instant.parse("2026-07-01T08:00:00Z");

    private static TestServer server;
    private static Api api;
    private static Api other;
    private static CdrLog log;
    private static List<Cdr> cdrs;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        api = server.newCentre("Log Centre");
        other = server.newCentre("Other");
        log = new CdrLog(server.server().database(), server.server().tenancy());
        List<Cdr> made = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            made.add(Cdr.builder().ccid(api.ccid).qid(700 + i % 2).ctype("out").dtype("out")
                    .tmInit(NINE_LOCAL.plusSeconds(60L * i))
                    .tmAnsw(i == 0 ? NINE_LOCAL.plusSeconds(5) : null)
                    .duration(Duration.ofMillis(1000L * i + 250)).cres("Answered")
                    .terminate("customer").build());
        }
        var dsl = server.server().database().dsl();
        cdrs = RandomCdrs.withCallids(made, CdrStore.insertAll(dsl, made));
        CdrStore.insert(dsl, Cdr.builder().ccid(other.ccid).qid(700).ctype("in").dtype("in")
                .tmInit(NINE_LOCAL).build());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Answer.Rows read(Api as, Map<String, String> params) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        query.put("method", List.of("cdr_log"));
        params.forEach((k, v) -> query.put(k, List.of(v)));
        ApiRequest request = RequestReader.read(new RequestReader.Raw("database.php", query,
                Map.of(), null, "", null, "127.0.0.1", Map.of()), Format.JSON,
                EnumSet.of(Format.JSON));
        request.authenticate(new Caller(as.ccid, 1, as.username));
        return (Answer.Rows) log.read(request);
    }

    @Test
    void rowsBetweenLocalTimesInclusiveWithLocalDatetimes() {
        Answer.Rows rows = read(api, Map.of("tstart", "2026-07-01 09:01:00",
                "tstop", "2026-07-01 09:03:00"));

        assertEquals(3, rows.total());
        Map<String, Object> first = rows.list().get(0);
        assertEquals(String.valueOf(cdrs.get(1).callid()), first.get("callid"));
        assertEquals("2026-07-01 09:01:00", first.get("datetime"));
        assertEquals("0000-00-00 00:00:00", first.get("answer"));
        assertEquals("1.250", first.get("duration"));
        assertEquals("customer", first.get("terminate"));
        assertEquals(List.of("callid", "datetime", "qid", "dataset", "urn", "agent", "ddi", "cli",
                "ringtime", "duration", "result", "outcome", "type", "carrier", "flags",
                "terminate", "customer", "answer", "disconnect", "last_update"),
                new ArrayList<>(first.keySet()));
    }

    @Test
    void groupbyAnswersCountAndDurationPerGroup() {
        Answer.Rows rows = read(api, Map.of("tstart", "2026-07-01 00:00:00",
                "tstop", "2026-07-01 23:59:59", "groupby", "qid"));

        assertEquals(2, rows.list().size());
        Map<String, Object> q700 = rows.list().get(0);
        assertEquals("700", q700.get("qid"));
        assertEquals(3L, q700.get("count"));
        // Calls 0, 2 and 4 of queue 700 last 0.25, 2.25 and 4.25 seconds.
        assertEquals("6.750", q700.get("duration").toString());
    }

    @Test
    void anotherCentresCallsAreNotThere() {
        Answer.Rows rows = read(other, Map.of("tstart", "2026-07-01 00:00:00",
                "tstop", "2026-07-01 23:59:59"));

        assertEquals(1, rows.total());
        assertEquals("in", rows.list().get(0).get("type"));
    }

    @Test
    void laravelHelpersGroupbyQidReadOverHttpCountsEveryCallOfTheWindow() {
        ZoneId sydney = ZoneId.of("Australia/Sydney");
        Api laravel = server.newCentre("Laravel", "Australia/Sydney", "AU");
        String tstart = "2026-03-10 08:00:00";
        String tstop = "2026-03-10 17:59:59";
        Instant from = LocalDateTime.parse(tstart.replace(' ', 'T')).atZone(sydney).toInstant();
        Instant to = LocalDateTime.parse(tstop.replace(' ', 'T')).atZone(sydney).toInstant();
        RandomCdrs random = new RandomCdrs(34);
        List<Cdr> made = new ArrayList<>(random.make(laravel.ccid, 80,
                from.minus(Duration.ofHours(3)), Duration.ofHours(16)));
        // Both ends are inclusive to the second; a millisecond either side is outside.
        for (Instant edge : List.of(from, from.minusMillis(1), to.plusMillis(999),
                to.plusSeconds(1))) {
            made.add(random.one(laravel.ccid, edge));
        }
        var dsl = server.server().database().dsl();
        CdrStore.insertAll(dsl, made);
        CdrStore.insertAll(dsl, random.make(other.ccid, 10, from, Duration.ofHours(9)));
        Map<String, long[]> expected = new TreeMap<>();
        for (Cdr c : made) {
            Instant second = c.tmInit().truncatedTo(ChronoUnit.SECONDS);
            if (!second.isBefore(from) && !second.isAfter(to)) {
                long[] group = expected.computeIfAbsent(String.valueOf(c.qid()),
                        q -> new long[2]);
                group[0]++;
                group[1] += c.duration().toMillis();
            }
        }

        JsonNode answer = laravel.get("/database.php?method=cdr_log&action=read&tstart="
                + Api.enc(tstart) + "&tstop=" + Api.enc(tstop) + "&groupby=qid&format=json"
                + "&token=" + laravel.token).json();
        JsonNode percent = laravel.get("/database.php?method=cdr_log&action=read&tstart="
                + tstart.replace(" ", "%20") + "&tstop=" + tstop.replace(" ", "%20")
                + "&groupby=qid&format=json&token=" + laravel.token).json();

        assertTrue(answer.get("success").asBoolean(), answer.toString());
        assertEquals(String.valueOf(laravel.ccid), answer.get("account_id").asText());
        assertEquals(expected.size(), answer.get("total").asInt());
        List<String> groups = new ArrayList<>();
        for (JsonNode item : answer.get("list")) {
            String qid = item.get("qid").asText();
            groups.add(qid);
            assertTrue(item.get("qid").isTextual(), item.toString());
            assertTrue(item.get("count").isNumber(), item.toString());
            assertEquals(expected.get(qid)[0], item.get("count").asLong(), qid);
            assertEquals(0, BigDecimal.valueOf(expected.get(qid)[1], 3)
                    .compareTo(item.get("duration").decimalValue()), item.toString());
        }
        assertEquals(new ArrayList<>(expected.keySet()), groups);
        assertEquals(answer, percent);
    }

    @Test
    void malformedTimesAndGroupsAreRefused() {
        ApiException noStart = assertThrows(ApiException.class,
                () -> read(api, Map.of("tstop", "2026-07-01 23:59:59")));
        ApiException badGroup = assertThrows(ApiException.class,
                () -> read(api, Map.of("tstart", "2026-07-01 00:00:00",
                        "tstop", "2026-07-01 23:59:59", "groupby", "nope")));

        assertEquals("Bad argument: tstart", noStart.getMessage());
        assertEquals("Bad argument: groupby", badGroup.getMessage());
    }

    @Test
    void datesThatDoNotExistAreRefusedNotMovedToOnesThatDo() {
        for (String wrong : List.of("2026-02-30 00:00:00", "2026-07-01 24:00:00",
                "2026-13-01 00:00:00")) {
            ApiException refused = assertThrows(ApiException.class,
                    () -> read(api, Map.of("tstart", wrong, "tstop", "2026-12-31 23:59:59")));

            assertEquals("Bad argument: tstart", refused.getMessage(), wrong);
        }
    }
}
