package org.opendialler.dialler;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.opendialler.compliance.ComplianceGuard;
import org.opendialler.testing.Api;
import org.opendialler.testing.TestServer;

/** Records the compliance guard refuses do not hide the dialable ones behind them. */
class RefusedRecordsTest {

    /** 09:00 in London on a November day: 04:00 in New York, outside its calling window. */
    private static final Instant LONDON_NINE = Instant.parse("2026-11-04T09:00:00Z");

    private final TestServer server = TestServer.start();
    private final Api api = server.newCentre("Refusals");
    private final EngineCentre centre = new EngineCentre(server, api);

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aHeadOfRecordsOutsideTheirWindowDoesNotStopTheOnesInsideTheirsAndEachSaysWhy() {
        centre.table("mixed");
        centre.outcomes();
        long newYork = centre.dataset("mixed", "New York", 90);
        long london = centre.dataset("mixed", "London", 10);
        long qid = centre.queue("mixed", "progressive");
        centre.agents(qid, 2);
        StringBuilder rows = new StringBuilder("[");
        for (int i = 0; i < 60; i++) {
            rows.append(String.format("{\"dataset\":%d,\"HomePhone\":\"+1 212 555 01%02d\"},",
                    newYork, i));
        }
        for (int i = 0; i < 10; i++) {
            rows.append(String.format("{\"dataset\":%d,\"HomePhone\":\"020 7946 0%03d\"},",
                    london, i));
        }
        rows.setLength(rows.length() - 1);
        api.write("ecnow.php", "ecnow_records", "create", rows + "]");
        centre.live(qid, newYork, london);
        server.clock.set(LONDON_NINE);

        ComplianceGuard guard = new ComplianceGuard(server.server().database(),
                server.server().tenancy());
        DiallerEngine engine = EngineCentre.stepped(server, guard, LONDON_NINE, 5, "n1");
        EngineCentre.run(engine, Duration.ofMinutes(45));
        engine.close();

        List<String> dialled = server.server().database().dsl()
                .select(field(name("ddi"), String.class)).from(table(name("cdr")))
                .where(field(name("ccid"), Long.class).eq(api.ccid)).fetch().getValues(0,
                        String.class);
        assertTrue(dialled.size() >= 10, "calls: " + dialled);
        assertEquals(List.of(), dialled.stream().filter(d -> d.startsWith("+1")).toList());

        // Every New York record was refused for its hours, at a time within the run (London
        // is on GMT in November, so local times read as UTC).
        api.login();
        JsonNode items = api.read("ecnow.php", "ecnow_records", Map.of("dataset", "" + newYork,
                "explain", "1", "limit", "100")).get("list");
        assertEquals(60, items.size());
        for (JsonNode item : items) {
            assertEquals("hours", item.get("last_refusal").asText(), item.toString());
            String at = item.get("last_refusal_at").asText();
            assertTrue(at.compareTo("2026-11-04 09:00:00") >= 0
                    && at.compareTo("2026-11-04 09:45:00") <= 0, item.toString());
        }
    }
}
