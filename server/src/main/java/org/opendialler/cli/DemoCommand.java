package org.opendialler.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.opendialler.client.ContactNowClient;
import org.opendialler.dialler.DiallerEngine;
import org.opendialler.dialler.EngineSettings;
import org.opendialler.dialler.EngineStats;
import org.opendialler.live.LiveBoard;
import org.opendialler.server.OpenDiallerServer;
import org.opendialler.server.ServerConfig;
import org.opendialler.tenancy.Centre;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code opendialler demo}: a server with a demo centre built through its own API and a
 * simulated day of predictive dialling, shown as a progress line; the API stays up after.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run the server with a demo centre and a simulated day of dialling.")
public final class DemoCommand implements Callable<Integer> {

    static final String ZONE = "Europe/London";

    @Mixin
    DatabaseOptions database;

    @Mixin
    ServeCommand.HttpOptions http;

    @Option(names = "--leads", description = "A CSV file of leads to load instead of "
            + "generated ones (the columns of the import command).")
    Path leads;

    @Option(names = "--lead-count", defaultValue = "3000",
            description = "How many leads to generate (default ${DEFAULT-VALUE}).")
    int leadCount;

    @Option(names = "--speed", defaultValue = "240", description = "Virtual seconds per wall "
            + "second; 240 runs the 8-hour day in two minutes (default ${DEFAULT-VALUE}).")
    double speed;

    @Option(names = "--agents", defaultValue = "10",
            description = "Simulated agents (default ${DEFAULT-VALUE}).")
    int agents;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the simulation.")
    long seed;

    @Option(names = "--hours", defaultValue = "8",
            description = "Length of the simulated day from 09:00 (default ${DEFAULT-VALUE}).")
    double hours;

    @Option(names = "--exit-when-done", description = "Stop the server when the day is over.")
    boolean exitWhenDone;

    private final PrintStream out;
    private final PrintStream err;
    private volatile Summary summary;

    public DemoCommand() {
        this(System.out, System.err);
    }

    /** For tests: what the demo prints goes to {@code out} and {@code err}. */
    public DemoCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** What the demo counted, and where its API is. */
    public record Summary(String baseUrl, String username, String password, long ccid,
            Instant dayStart, long placed, long answered, long sales) {
    }

    /** The summary of the finished day (null before). */
    public Summary summary() {
        return summary;
    }

    @Override
    public Integer call() throws Exception {
        if (agents < 1 || leadCount < 0 || !(speed > 0) || !(hours > 0)) {
            throw new IllegalArgumentException("--agents, --speed and --hours must be positive");
        }
        if (database.dbUrl == null || database.dbUrl.isBlank()) {
            // Each run gets its own embedded database, so runs never mix their centres.
            database.data = database.data.resolve("demo-" + java.time.LocalDateTime.now()
                    .format(java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
            err.println("data: " + database.data);
        }
        ServerConfig config = http.config(database);
        OpenDiallerServer server = OpenDiallerServer.start(config);
        try {
            return run(server);
        } finally {
            if (exitWhenDone) {
                server.close();
            }
        }
    }

    private int run(OpenDiallerServer server) throws Exception {
        String suffix = HexFormat.of().formatHex(new SecureRandom().generateSeed(3));
        Centre centre = server.tenancy().addCentre("Demo " + suffix, ZONE, "GB");
        String username = "demo-" + suffix;
        String password = HexFormat.of().formatHex(new SecureRandom().generateSeed(9));
        server.tenancy().addUser(centre.ccid(), username, password);
        String base = server.baseUrl() + "/";
        out.println("username: " + username);
        out.println("password: " + password);
        out.println(base);
        out.flush();

        ContactNowClient client = ContactNowClient.builder().baseUrl(base)
                .credentials(username, password).timeout(Duration.ofMinutes(2)).build();
        DemoCentre.Built built = new DemoCentre(client).build(agents, leadCount, leads, base,
                username, password, seed);
        err.printf("Loaded %d leads (%d refused) into queue %d%n", built.leads(),
                built.refused(), built.qid());

        Instant dayStart = LocalTime.of(9, 0).atDate(java.time.LocalDate.now(
                server.config().clock().withZone(ZoneId.of(ZONE))))
                .atZone(ZoneId.of(ZONE)).toInstant();
        DiallerEngine engine = server.startDialler(EngineSettings.defaults().withScale(speed)
                .withSeed(seed).withStart(dayStart)
                .withShift(Duration.ofSeconds((long) (hours * 3600))));
        while (!engine.dayOver()) {
            err.print("\r" + progress(engine, centre.ccid()));
            err.flush();
            Thread.sleep(250);
        }
        EngineStats s = engine.stats();
        err.println("\r" + progress(engine, centre.ccid()));
        summary = new Summary(base, username, password, centre.ccid(), dayStart, s.placed(),
                s.answered(), s.sales());
        if (exitWhenDone) {
            out.printf("Demo done: %d calls placed, %d answered, %d sales. Serve its data again "
                    + "with: ./opendialler serve --data %s%n", s.placed(), s.answered(), s.sales(),
                    database.data);
        } else {
            out.printf("Demo done: %d calls placed, %d answered, %d sales. The API stays up at "
                    + "%s until Ctrl-C%n", s.placed(), s.answered(), s.sales(), base);
        }
        out.flush();
        if (!exitWhenDone) {
            awaitShutdown(server);
        }
        return 0;
    }

    private static String progress(DiallerEngine engine, long ccid) {
        EngineStats s = engine.stats();
        List<LiveBoard.Meters> meters = engine.meters(ccid);
        double abandon = meters.isEmpty() ? 0 : meters.get(0).rate24h();
        return String.format(Locale.ROOT, "%s  placed %d  answered %d  abandon (24 h) %.1f%%  "
                + "sales %d  records left %d   ",
                engine.now().atZone(ZoneId.of(ZONE)).toLocalTime().withNano(0), s.placed(),
                s.answered(), abandon, s.sales(), engine.recordsLeft(ccid));
    }

    private static void awaitShutdown(OpenDiallerServer server) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "opendialler-shutdown"));
        stopped.await();
    }
}
