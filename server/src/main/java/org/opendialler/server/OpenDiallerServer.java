package org.opendialler.server;

import io.javalin.Javalin;
import io.javalin.http.HandlerType;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.http.UriCompliance;
import org.opendialler.compliance.ComplianceGuard;
import org.opendialler.compliance.DialGuard;
import org.opendialler.dialler.DiallerEngine;
import org.opendialler.dialler.EngineSettings;
import org.opendialler.live.AgentEvents;
import org.opendialler.live.AgentScript;
import org.opendialler.live.AjaxScript;
import org.opendialler.live.ClickToDialScript;
import org.opendialler.live.LiveBoard;
import org.opendialler.live.RecordingScript;
import org.opendialler.live.Wallboard;
import org.opendialler.protocol.Script;
import org.opendialler.reporting.ReportingScript;
import org.opendialler.reporting.CdrStore;
import org.opendialler.store.Database;
import org.opendialler.tenancy.Centre;
import org.opendialler.tenancy.Tenancy;
import org.opendialler.token.TokenScript;
import org.opendialler.token.TokenSecret;
import org.opendialler.token.TokenService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running OpenDialler: the database, every script, and the HTTP server in front of them.
 * {@link #start} returns once requests are being answered; {@link #close} finishes requests in
 * flight and releases everything.
 */
public final class OpenDiallerServer implements AutoCloseable {

    private static final int RESPONSE_COPY_BYTES = 4096;
    private static final Logger LOG = LoggerFactory.getLogger(OpenDiallerServer.class);
    private static final long STOP_TIMEOUT_MS = 10_000;

    private final ServerConfig config;
    private final Database database;
    private final Tenancy tenancy;
    private final TokenService tokens;
    private final PrometheusMeterRegistry metrics;
    private final AgentEvents agentEvents = new AgentEvents();
    private final Javalin app;
    private List<String> scriptNames = List.of();
    private volatile LiveBoard liveBoard = LiveBoard.EMPTY;
    private volatile DiallerEngine dialler;

    private OpenDiallerServer(ServerConfig config, Database database,
            PrometheusMeterRegistry metrics) {
        this.config = config;
        this.database = database;
        this.metrics = metrics;
        this.tenancy = new Tenancy(database, config.clock());
        byte[] secret = TokenSecret.load(System.getenv("OPENDIALLER_TOKEN_SECRET"),
                config.dataDir());
        this.tokens = new TokenService(database, tenancy, config.clock(),
                config.tokenLifetime(), secret, metrics);
        this.app = createApp();
        Gauge.builder("opendialler.agent.event.streams", agentEvents, AgentEvents::openStreams)
                .description("agent.php event streams open").register(metrics);
    }

    /** Opens the database, makes sure of the bootstrap centre and user, and starts listening. */
    public static OpenDiallerServer start(ServerConfig config) {
        long started = System.nanoTime();
        createDataDir(config);
        PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(metrics);
        new JvmGcMetrics().bindTo(metrics);
        new JvmThreadMetrics().bindTo(metrics);
        new ProcessorMetrics().bindTo(metrics);
        Database database = Database.open(config.db(), metrics, 32);
        OpenDiallerServer server = null;
        try {
            CdrStore.fillReportSlots(database);
            server = new OpenDiallerServer(config, database, metrics);
            server.bootstrap();
            server.app.start(config.host(), config.port());
            if (config.dialler() != null) {
                server.startDialler(config.dialler());
            }
        } catch (RuntimeException e) {
            if (server != null) {
                server.app.stop();
            }
            database.close();
            throw e;
        }
        LOG.info("OpenDialler {} listening on {} with database {} (started in {} ms)",
                version(), server.baseUrl(), config.db().describe(),
                (System.nanoTime() - started) / 1_000_000);
        return server;
    }

    private static void createDataDir(ServerConfig config) {
        try {
            Files.createDirectories(config.dataDir());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create data directory " + config.dataDir(), e);
        }
    }

    private Javalin createApp() {
        ScriptRouter router = new ScriptRouter(scripts(), tokens, config, metrics);
        scriptNames = router.names();
        Javalin javalin = Javalin.create(c -> {
            c.showJavalinBanner = false;
            c.startupWatcherEnabled = false;
            c.http.maxRequestSize = config.maxBodyBytes();
            // Javalin copies every answer through a new buffer of this size, 32 KB by default:
            // at thousands of small answers a second that was most of the server's garbage.
            // Jetty still gathers the writes into its own pooled output buffer.
            c.http.responseBufferSize = RESPONSE_COPY_BYTES;
            c.jetty.multipartConfig.maxFileSize(config.maxBodyBytes(),
                    io.javalin.config.SizeUnit.BYTES);
            c.jetty.multipartConfig.maxTotalRequestSize(config.maxBodyBytes(),
                    io.javalin.config.SizeUnit.BYTES);
            // Jetty caps the text fields of a multipart body at 200,000 bytes of its own; the
            // body limit above is the one the protocol documents, so it is the only one.
            c.jetty.modifyServletContextHandler(h -> h.setMaxFormContentSize(
                    (int) Math.min(Integer.MAX_VALUE, config.maxBodyBytes())));
            c.jetty.modifyServer(s -> {
                s.setStopTimeout(STOP_TIMEOUT_MS);
                s.setErrorHandler(new EnvelopeErrorHandler());
            });
            // Clients built on a base URL with a trailing slash send BASE//token.php.
            c.jetty.modifyHttpConfiguration(h -> h.setUriCompliance(UriCompliance.LEGACY));
        });
        javalin.get("/health", ctx -> {
            boolean up = database.isHealthy();
            ctx.status(up ? 200 : 503).result(up ? "ok\n" : "database unavailable\n");
        });
        javalin.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4")
                .result(metrics.scrape()));
        Wallboard wallboard = new Wallboard();
        for (String path : List.of("/wallboard", "/wallboard/", "/wallboard/{file}")) {
            javalin.get(path, wallboard);
        }
        for (HandlerType type : List.of(HandlerType.GET, HandlerType.POST)) {
            javalin.addHttpHandler(type, "/<path>", router);
        }
        return javalin;
    }

    private List<Script> scripts() {
        List<Script> scripts = new ArrayList<>();
        scripts.add(new TokenScript(tokens));
        scripts.addAll(Wiring.ecnowAndDatabase(database, tenancy, config, tokens));
        scripts.add(new ReportingScript(database, tenancy));
        scripts.add(new AjaxScript(() -> liveBoard, database, tenancy, config.clock()));
        scripts.add(new RecordingScript(database, config.dataDir()));
        scripts.add(new AgentScript(() -> dialler, database, tenancy, agentEvents));
        scripts.add(new ClickToDialScript(() -> dialler, database, tenancy, config.clock()));
        return scripts;
    }

    private void bootstrap() {
        ServerConfig.Bootstrap wanted = config.bootstrap();
        if (wanted == null) {
            return;
        }
        Centre centre = tenancy.centreNamed(wanted.centre())
                .orElseGet(() -> {
                    LOG.info("Bootstrap: adding contact centre '{}'", wanted.centre());
                    return tenancy.addCentre(wanted.centre(), "Europe/London", "GB");
                });
        var user = tenancy.user(wanted.username());
        if (user.isEmpty()) {
            LOG.info("Bootstrap: adding API user '{}' to centre {}", wanted.username(),
                    centre.ccid());
            tenancy.addUser(centre.ccid(), wanted.username(), wanted.password());
        } else if (user.get().ccid() != centre.ccid()) {
            LOG.warn("Bootstrap: API user '{}' belongs to centre {}, not '{}'; left as it is",
                    wanted.username(), user.get().ccid(), wanted.centre());
        }
    }

    /**
     * Starts the dialler engine (once): it closes calls a stopped server left open, then dials
     * every live outbound queue with a caller id.
     */
    public synchronized DiallerEngine startDialler(EngineSettings settings) {
        if (dialler != null) {
            throw new IllegalStateException("the dialler is already running");
        }
        DiallerEngine engine = new DiallerEngine(database, dialGuard(), settings,
                config.dataDir(), config.clock(), metrics);
        engine.start();
        dialler = engine;
        useLiveBoard(engine);
        return engine;
    }

    /** The guard every claimed record is judged by: the law's, unless switched off. */
    private DialGuard dialGuard() {
        return new ComplianceGuard(database, tenancy);
    }

    /** What ajax.php and the wallboard show: the running dialler's board, or an empty one. */
    public LiveBoard liveBoard() {
        return liveBoard;
    }

    /** The running dialler, or null. */
    public DiallerEngine dialler() {
        return dialler;
    }

    public static String version() {
        String v = OpenDiallerServer.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    /** The port listened on (useful when the config asked for 0). */
    public int port() {
        return app.port();
    }

    /** The root URL, such as {@code http://127.0.0.1:8080}. */
    public String baseUrl() {
        String host = "0.0.0.0".equals(config.host()) ? "localhost" : config.host();
        return "http://" + host + ":" + port();
    }

    /** The names of the scripts served, such as {@code ecnow.php}. */
    public List<String> scriptNames() {
        return scriptNames;
    }

    /** Shows ajax.php and the wallboard this board (the running dialler's) from now on. */
    public void useLiveBoard(LiveBoard board) {
        this.liveBoard = java.util.Objects.requireNonNull(board, "board");
    }

    public Database database() {
        return database;
    }

    public Tenancy tenancy() {
        return tenancy;
    }

    public ServerConfig config() {
        return config;
    }

    @Override
    public void close() {
        LOG.info("OpenDialler stopping");
        // Streams wait for events that will not come: end them, or Jetty waits for them.
        agentEvents.close();
        if (dialler != null) {
            dialler.close();
        }
        app.stop();
        database.close();
        metrics.close();
    }
}
