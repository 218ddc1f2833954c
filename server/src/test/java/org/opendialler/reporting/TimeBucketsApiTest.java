package org.opendialler.reporting;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opendialler.testing.Api;
import org.opendialler.testing.TestServer;

/**
 * Calls either side of local midnight on the days London's clocks change land in the right
 * local date, day, week and hour. The expected labels are written out by hand.
 */
class TimeBucketsApiTest {

    // 2026-03-28 23:55 GMT, then 2026-03-29 00:05 GMT; at 01:00 GMT clocks go to 02:00 BST,
    // so 01:10 GMT is 02:10 local.
    private static final Instant SPRING_BEFORE = Instant.parse("2026-03-28T23:55:00Z");
    private static final Instant SPRING_AFTER = Instant.parse("2026-03-29T00:05:00Z");
    private static final Instant SPRING_LATE = Instant.parse("2026-03-29T01:10:00Z");
    // 2026-10-24 23:55 BST is 22:55 UTC; 2026-10-25 00:05 BST is 23:05 UTC.
    private static final Instant AUTUMN_BEFORE = Instant.parse("2026-10-24T22:55:00Z");
    private static final Instant AUTUMN_AFTER = Instant.parse("2026-10-24T23:05:00Z");
    // 01:30 local twice: once in BST (00:30 UTC) and once in GMT (01:30 UTC).
    private static final Instant AUTUMN_FIRST_0130 = Instant.parse("2026-10-25T00:30:00Z");
    private static final Instant AUTUMN_SECOND_0130 = Instant.parse("2026-10-25T01:30:00Z");

    private static TestServer server;
    private static Api api;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        api = server.newCentre("London Centre", "Europe/London", "GB");
        List<Cdr> cdrs = new ArrayList<>();
        for (Instant t : List.of(SPRING_BEFORE, SPRING_AFTER, SPRING_LATE, AUTUMN_BEFORE,
                AUTUMN_AFTER, AUTUMN_FIRST_0130, AUTUMN_SECOND_0130)) {
            cdrs.add(Cdr.builder().ccid(api.ccid).ctype("out").dtype("out").tmInit(t).build());
        }
        CdrStore.insertAll(server.server().database().dsl(), cdrs);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static JsonNode calls(String groupby, Instant from, Instant to) {
        return api.get("/reporting.php?token=" + api.token + "&method=calls&groupby=" + groupby
                + "&fields=" + groupby + ",nc_all&range=" + from.getEpochSecond() + ":"
                + to.getEpochSecond()).json();
    }

    private static List<String> rows(JsonNode answer, String... fields) {
        List<String> out = new ArrayList<>();
        for (JsonNode item : answer.get("list")) {
            StringBuilder row = new StringBuilder();
            for (String f : fields) {
                row.append(item.get(f).asText()).append(' ');
            }
            out.add(row.append(item.get("nc_all").asLong()).toString());
        }
        return out;
    }

    @Test
    void springMidnightCallsLandInTheirLocalDateDayWeekAndHour() {
        JsonNode answer = calls("P1D,date,day,P1W,hour,PT1H", SPRING_BEFORE, SPRING_LATE);

        assertEquals(List.of(
                "2026-03-28 2026-03-28 Saturday 2026-03-22 23 2026-03-28_23-00-00 1",
                "2026-03-29 2026-03-29 Sunday 2026-03-29 00 2026-03-29_00-00-00 1",
                "2026-03-29 2026-03-29 Sunday 2026-03-29 02 2026-03-29_02-00-00 1"),
                rows(answer, "P1D", "date", "day", "P1W", "hour", "PT1H"));
    }

    @Test
    void autumnMidnightCallsLandInTheirLocalDateAndTheRepeatedHourIsOneSlot() {
        JsonNode answer = calls("P1D,hour,PT1H,min_10,P1M", AUTUMN_BEFORE, AUTUMN_SECOND_0130);

        assertEquals(List.of(
                "2026-10-24 23 2026-10-24_23-00-00 50 2026-10 1",
                "2026-10-25 00 2026-10-25_00-00-00 00 2026-10 1",
                "2026-10-25 01 2026-10-25_01-00-00 30 2026-10 2"),
                rows(answer, "P1D", "hour", "PT1H", "min_10", "P1M"));
    }

    @Test
    void quarterHourSlotsUseLocalWallTime() {
        JsonNode answer = calls("PT15M,PT10M,PT30M", AUTUMN_BEFORE, AUTUMN_AFTER);

        assertEquals(List.of(
                "2026-10-24_23-45-00 2026-10-24_23-50-00 2026-10-24_23-30-00 1",
                "2026-10-25_00-00-00 2026-10-25_00-00-00 2026-10-25_00-00-00 1"),
                rows(answer, "PT15M", "PT10M", "PT30M"));
    }

    @Test
    void rangeIsInclusiveToTheSecondAtBothEnds() {
        Instant justBefore = SPRING_AFTER.minusSeconds(1);

        JsonNode exact = calls("P1D", SPRING_AFTER, SPRING_AFTER);
        JsonNode before = calls("P1D", SPRING_BEFORE.plusSeconds(1), justBefore);

        assertEquals(List.of("2026-03-29 1"), rows(exact, "P1D"));
        assertEquals(List.of(), rows(before, "P1D"));
    }
}
