package org.opendialler.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.opendialler.testing.Api;
import org.opendialler.testing.TestServer;

/** The wallboard page in a real headless Chromium, against a real server. */
class WallboardBrowserTest {

    private static final Path SCREENSHOT = Path.of("target", "wallboard.png");

    private static Path chromium() {
        Path binary = Chromium.binary();
        if (binary == null && "true".equals(System.getenv("CI"))) {
            fail("Chromium is not installed: the wallboard test needs /usr/bin/chromium "
                    + "(Debian package 'chromium'; .ci/run installs it)");
        }
        Assumptions.assumeTrue(binary != null, "Chromium is not installed");
        return binary;
    }

    @Test
    void theWallboardSignsInShowsTheCentreAndRefreshesItself() throws Exception {
        Path binary = chromium();
        try (TestServer server = TestServer.start(); Chromium browser = Chromium.launch(binary)) {
            LiveFixture f = new LiveFixture(server);
            Api user = f.a;

            browser.navigate(server.baseUrl() + "/wallboard?every=1");
            browser.waitFor("document.readyState === 'complete'"
                    + " && document.getElementById('username')");
            browser.eval("document.getElementById('username').value = " + quote(user.username)
                    + "; document.getElementById('password').value = "
                    + quote(user.password) + "; document.getElementById('signin-button').click();"
                    + " true");
            browser.waitFor("Number(document.body.dataset.refreshes) >= 1");
            JsonNode shown = browser.eval(SHOWN);

            assertEquals("none", browser.eval("getComputedStyle(document.getElementById("
                    + "'signin')).display").asText());
            assertEquals(List.of("Ann Lee"), names(shown.get("wait")));
            assertEquals(List.of("Bob Hart"), names(shown.get("call")));
            assertEquals(List.of("Cat Moss"), names(shown.get("wrap")));
            assertEquals(0, shown.get("pause").size());
            JsonNode sales = shown.get("queues").get("" + f.sales);
            List<LiveFixture.Call> salesToday = f.today(c -> c.qid() == f.sales);
            assertEquals("Sales line", sales.get("qnm").asText());
            assertEquals("2", sales.get("calls_queued").asText());
            assertEquals("1", sales.get("agents_wait").asText());
            assertEquals("42", sales.get("sec_longest_wait").asText());
            assertEquals("" + salesToday.size(), sales.get("nc_today").asText());
            assertEquals("" + f.answered(salesToday), sales.get("nc_ans_today").asText());
            assertEquals(f.abandonRate(salesToday), sales.get("abandon_rate_today").asDouble());
            assertEquals(2.5, sales.get("abandon_rate_24h").asDouble());
            assertEquals("-", shown.get("queues").get("" + f.support).get("abandon_rate_24h")
                    .asText());
            List<LiveFixture.Call> today = f.today(c -> true);
            assertEquals("" + today.size(), shown.get("nc_today").asText());
            assertEquals(String.format("%.1f", f.abandonRate(today)),
                    shown.get("abandon_rate_today").asText());
            assertEquals(expectedSlots(f), slots(shown.get("slots").asText()));

            f.board.add(user.ccid, new LiveBoard.CallNow(9010, f.sales, "in", "in",
                    "+447700900010", "+441632960001", null, "queued", LiveFixture.NOW));
            browser.waitFor("document.querySelector('#queues tr[data-qid=\"" + f.sales
                    + "\"] td.calls_queued').textContent === '3'");
            browser.screenshot(SCREENSHOT);

            assertEquals("3", browser.eval("document.getElementById('sum-calls_queued')"
                    + ".textContent").asText());
            assertTrue(Files.size(SCREENSHOT) > 1000);
        }
    }

    /** What the page shows, read from its DOM. */
    private static final String SHOWN = "(() => {"
            + " const names = s => [...document.querySelectorAll('#agents-' + s + ' li')]"
            + "   .map(li => li.firstChild.textContent);"
            + " const queues = {};"
            + " document.querySelectorAll('#queues tbody tr').forEach(tr => {"
            + "   const row = {}; tr.querySelectorAll('td').forEach(td => row[td.className"
            + "     .split(' ')[0]] = td.textContent); queues[tr.dataset.qid] = row; });"
            + " return { wait: names('wait'), call: names('call'), wrap: names('wrap'),"
            + "   pause: names('pause'), queues: queues,"
            + "   nc_today: document.getElementById('sum-nc_today').textContent,"
            + "   abandon_rate_today: document.getElementById('sum-abandon_rate_today')"
            + "     .textContent,"
            + "   slots: document.getElementById('chart').dataset.slots };"
            + "})()";

    private static List<String> names(JsonNode list) {
        List<String> out = new java.util.ArrayList<>();
        list.forEach(n -> out.add(n.asText()));
        return out;
    }

    /** Today's calls per ten-minute slot of the centre's local clock, counted here. */
    private static Map<String, Integer> expectedSlots(LiveFixture f) {
        Map<String, Integer> out = new TreeMap<>();
        for (LiveFixture.Call c : f.today(c -> true)) {
            ZonedDateTime local = c.init().atZone(ZoneId.of("Europe/London"));
            String label = String.format("%02d:%02d", local.getHour(),
                    local.getMinute() / 10 * 10);
            out.merge(label, 1, Integer::sum);
        }
        return out;
    }

    private static Map<String, Integer> slots(String json) throws Exception {
        assertNotNull(json, "the chart has no data");
        Map<String, Integer> out = new TreeMap<>();
        new com.fasterxml.jackson.databind.ObjectMapper().readTree(json).fields()
                .forEachRemaining(e -> out.put(e.getKey(), e.getValue().asInt()));
        return out;
    }

    private static String quote(String text) {
        return new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(text).toString();
    }
}
