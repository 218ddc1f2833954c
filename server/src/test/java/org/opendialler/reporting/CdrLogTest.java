package org.opendialler.reporting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * {@link CdrStore}. Its HTTP test waits until database.php registers it.
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
    void malformedTimesAndGroupsAreRefused() {
        ApiException noStart = assertThrows(ApiException.class,
                () -> read(api, Map.of("tstop", "2026-07-01 23:59:59")));
        ApiException badGroup = assertThrows(ApiException.class,
                () -> read(api, Map.of("tstart", "2026-07-01 00:00:00",
                        "tstop", "2026-07-01 23:59:59", "groupby", "nope")));

        assertEquals("Bad argument: tstart", noStart.getMessage());
        assertEquals("Bad argument: groupby", badGroup.getMessage());
    }
}
