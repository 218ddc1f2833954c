package org.opendialler.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.opendialler.testing.Api;
import org.opendialler.testing.TestServer;

/**
 * The wallboard page in a real headless Chromium, driven by Selenium through Debian's
 * chromedriver, against a real server.
 */
class WallboardBrowserTest {

    private static final Path SCREENSHOT = Path.of("target", "wallboard.png");
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    /**
     * Selenium Manager would fetch a driver or browser from the internet, which this build must
     * never do; it logs here whenever it runs. Held in a field because the JDK keeps loggers
     * only weakly.
     */
    private static final Logger SELENIUM_MANAGER =
            Logger.getLogger("org.openqa.selenium.manager.SeleniumManager");

    @Test
    void theWallboardSignsInShowsTheCentreAndRefreshesItself(@TempDir Path profile)
            throws Exception {
        Path browser = installed("CHROMIUM", "/usr/bin/chromium", "chromium");
        Path driverBinary = installed("CHROMEDRIVER", "/usr/bin/chromedriver", "chromium-driver");
        List<String> manager = watchSeleniumManager();

        try (TestServer server = TestServer.start()) {
            LiveFixture f = new LiveFixture(server);
            Api user = f.a;
            WebDriver driver = launch(browser, driverBinary, profile);
            try {
                assertEquals(List.of(), manager, "Selenium Manager ran");

                // Polled finely: the page redraws every second and the test waits on it.
                WebDriverWait wait = new WebDriverWait(driver, PATIENCE);
                wait.pollingEvery(Duration.ofMillis(100));

                driver.get(server.baseUrl() + "/wallboard?every=1");
                wait.until(ExpectedConditions.elementToBeClickable(By.id("username")))
                        .sendKeys(user.username);
                driver.findElement(By.id("password")).sendKeys(user.password);
                driver.findElement(By.id("signin-button")).click();

                // The page counts its completed redraws on the body.
                wait.until(d -> refreshes(d) >= 1);

                assertFalse(settled(() -> driver.findElement(By.id("signin")).isDisplayed()));
                assertEquals(List.of("Ann Lee"), agents(driver, "wait"));
                assertEquals(List.of("Bob Hart"), agents(driver, "call"));
                assertEquals(List.of("Cat Moss"), agents(driver, "wrap"));
                assertEquals(List.of(), agents(driver, "pause"));

                List<LiveFixture.Call> salesToday = f.today(c -> c.qid() == f.sales);
                assertEquals("Sales line", cell(driver, f.sales, "qnm"));
                assertEquals("2", cell(driver, f.sales, "calls_queued"));
                assertEquals("1", cell(driver, f.sales, "agents_wait"));
                assertEquals("42", cell(driver, f.sales, "sec_longest_wait"));
                assertEquals("" + salesToday.size(), cell(driver, f.sales, "nc_today"));
                assertEquals("" + f.answered(salesToday), cell(driver, f.sales, "nc_ans_today"));
                assertEquals(percent(f.answered(salesToday), salesToday.size()),
                        cell(driver, f.sales, "answer_rate"));
                assertEquals(f.abandonRate(salesToday),
                        Double.parseDouble(cell(driver, f.sales, "abandon_rate_today")));
                assertEquals(2.5, Double.parseDouble(cell(driver, f.sales, "abandon_rate_24h")));
                assertEquals("-", cell(driver, f.support, "abandon_rate_24h"));

                List<LiveFixture.Call> today = f.today(c -> true);
                assertEquals("" + today.size(), text(driver, "sum-nc_today"));
                assertEquals(percent(f.answered(today), today.size()),
                        text(driver, "sum-answer_rate"));
                assertEquals(String.format(Locale.ROOT, "%.1f", f.abandonRate(today)),
                        text(driver, "sum-abandon_rate_today"));
                assertEquals(expectedSlots(f), slots(settled(() -> driver.findElement(
                        By.id("chart")).getDomAttribute("data-slots"))));

                // A call joins the queue: the page must show it on its own, without a reload.
                f.board.add(user.ccid, new LiveBoard.CallNow(9010, f.sales, "in", "in",
                        "+447700900010", "+441632960001", null, "queued", LiveFixture.NOW));
                wait.until(d -> "3".equals(cell(d, f.sales, "calls_queued")));
                screenshot(driver, SCREENSHOT);

                assertEquals("3", text(driver, "sum-calls_queued"));
                assertTrue(Files.size(SCREENSHOT) > 1000);
            } finally {
                driver.quit();
            }
        }
    }

    /**
     * The binary named by the environment variable, else Debian's. Missing, it fails the test
     * when {@code CI=true} (CI must not pass by skipping it) and skips it otherwise.
     */
    private static Path installed(String variable, String debian, String debianPackage) {
        String configured = System.getenv(variable);
        Path binary = Path.of(configured != null ? configured : debian);
        if (Files.isExecutable(binary)) {
            return binary;
        }
        String missing = binary + " is not installed: the wallboard test needs it"
                + " (Debian package '" + debianPackage + "'; .ci/run installs it)";
        if ("true".equals(System.getenv("CI"))) {
            fail(missing);
        }
        return Assumptions.abort(missing);
    }

    /** What Selenium Manager logs from now on. */
    private static List<String> watchSeleniumManager() {
        List<String> seen = new CopyOnWriteArrayList<>();
        SELENIUM_MANAGER.setLevel(Level.ALL);
        SELENIUM_MANAGER.addHandler(new Handler() {
            @Override
            public void publish(LogRecord record) {
                seen.add(record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        });
        return seen;
    }

    /**
     * Debian's chromedriver and chromium, both named outright so that Selenium looks for
     * neither (and so never starts Selenium Manager), with a fresh profile.
     */
    private static WebDriver launch(Path browser, Path driver, Path profile) {
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(driver.toFile())
                .usingAnyFreePort()
                .withLogFile(Path.of("target", "chromedriver.log").toFile())
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(browser.toFile());
        // --no-sandbox: CI runs as root, where Chromium will not start sandboxed. The rest keep
        // the browser from calling out to Google's services; the window fits the whole board.
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--window-size=1400,1500",
                "--user-data-dir=" + profile);
        return new ChromeDriver(service, options);
    }

    /**
     * Reads the page again when it redrew the elements between finding and reading them: the
     * board refreshes itself every second, and the figures it shows do not change with that.
     */
    private static <T> T settled(Supplier<T> read) {
        for (int attempt = 1; ; attempt++) {
            try {
                return read.get();
            } catch (StaleElementReferenceException e) {
                if (attempt == 20) {
                    throw e;
                }
            }
        }
    }

    private static int refreshes(WebDriver driver) {
        String count = settled(() -> driver.findElement(By.tagName("body"))
                .getDomAttribute("data-refreshes"));
        return count == null ? 0 : Integer.parseInt(count);
    }

    /** The names listed under one agent state, as shown. */
    private static List<String> agents(WebDriver driver, String state) {
        return settled(() -> {
            List<String> out = new ArrayList<>();
            for (WebElement li : driver.findElements(By.cssSelector("#agents-" + state
                    + " li"))) {
                // Each item is the name followed by a span with the time in that state.
                String all = li.getText();
                String since = li.findElement(By.tagName("span")).getText();
                out.add(all.substring(0, all.length() - since.length()).strip());
            }
            return out;
        });
    }

    /** One cell of a queue's row; cells are classed by the figure they show. */
    private static String cell(WebDriver driver, long qid, String figure) {
        return settled(() -> driver.findElement(By.cssSelector("#queues tr[data-qid='" + qid
                + "'] td." + figure)).getText());
    }

    private static String text(WebDriver driver, String id) {
        return settled(() -> driver.findElement(By.id(id)).getText());
    }

    /** A share to one place, as the page shows it. */
    private static String percent(long part, long whole) {
        return whole > 0 ? String.format(Locale.ROOT, "%.1f", 100.0 * part / whole) : "0.0";
    }

    private static void screenshot(WebDriver driver, Path file) throws IOException {
        byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, png);
    }

    /** Today's calls per ten-minute slot of the centre's local clock, counted here. */
    private static Map<String, Integer> expectedSlots(LiveFixture f) {
        Map<String, Integer> out = new TreeMap<>();
        for (LiveFixture.Call c : f.today(c -> true)) {
            ZonedDateTime local = c.init().atZone(ZoneId.of("Europe/London"));
            String label = String.format(Locale.ROOT, "%02d:%02d", local.getHour(),
                    local.getMinute() / 10 * 10);
            out.merge(label, 1, Integer::sum);
        }
        return out;
    }

    private static Map<String, Integer> slots(String json) throws IOException {
        assertNotNull(json, "the chart has no data");
        Map<String, Integer> out = new TreeMap<>();
        new ObjectMapper().readTree(json).fields()
                .forEachRemaining(e -> out.put(e.getKey(), e.getValue().asInt()));
        return out;
    }
}
