package org.opendialler.cli;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Callable;
import org.opendialler.server.OpenDiallerServer;
import org.opendialler.server.ServerConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code opendialler serve}: runs the API server until it is stopped. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the API server until interrupted.")
final class ServeCommand implements Callable<Integer> {

    private static volatile boolean serving;

    @Mixin
    DatabaseOptions database;

    @Mixin
    ServeCommand.HttpOptions http;

    @Mixin
    DiallerOptions dialler;

    static boolean isServing() {
        return serving;
    }

    @Override
    public Integer call() throws InterruptedException {
        ServerConfig config = http.config(database);
        if (dialler.enabled) {
            config = config.withDialler(dialler.settings());
        }
        OpenDiallerServer server = OpenDiallerServer.start(config);
        serving = true;
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "opendialler-shutdown"));
        stopped.await();
        return 0;
    }

    /** The HTTP and token options of a command that runs a server. */
    static final class HttpOptions {

        @Option(names = "--port", defaultValue = "${env:OPENDIALLER_PORT:-8080}",
                description = "HTTP port (OPENDIALLER_PORT, default ${DEFAULT-VALUE}).")
        int port;

        @Option(names = "--host", defaultValue = "${env:OPENDIALLER_HOST:-0.0.0.0}",
                description = "Address to listen on (OPENDIALLER_HOST, default "
                        + "${DEFAULT-VALUE}).")
        String host;

        @Option(names = "--token-lifetime",
                defaultValue = "${env:OPENDIALLER_TOKEN_LIFETIME:-43199}",
                description = "Token lifetime in seconds (OPENDIALLER_TOKEN_LIFETIME, default "
                        + "${DEFAULT-VALUE}).")
        long tokenLifetime;

        @Option(names = "--trusted-proxies",
                defaultValue = "${env:OPENDIALLER_TRUSTED_PROXIES:-}",
                description = "Comma list of proxy addresses or CIDR ranges whose "
                        + "X-Forwarded-For is trusted (OPENDIALLER_TRUSTED_PROXIES).")
        String trustedProxies;

        ServerConfig config(DatabaseOptions database) {
            if (tokenLifetime < 1) {
                throw new IllegalArgumentException("--token-lifetime must be at least 1 second");
            }
            List<String> proxies = Arrays.stream(trustedProxies.split(","))
                    .map(String::trim).filter(s -> !s.isEmpty()).toList();
            return ServerConfig.defaults(database.data)
                    .withPort(port)
                    .withHost(host)
                    .withDb(database.dbConfig())
                    .withTokenLifetime(Duration.ofSeconds(tokenLifetime))
                    .withTrustedProxies(proxies)
                    .withBootstrap(bootstrap());
        }

        private static ServerConfig.Bootstrap bootstrap() {
            String centre = System.getenv("OPENDIALLER_BOOTSTRAP_CENTRE");
            String user = System.getenv("OPENDIALLER_BOOTSTRAP_USER");
            String password = System.getenv("OPENDIALLER_BOOTSTRAP_PASSWORD");
            if (user == null || user.isBlank()) {
                return null;
            }
            if (password == null || password.isBlank()) {
                throw new IllegalArgumentException(
                        "OPENDIALLER_BOOTSTRAP_USER needs OPENDIALLER_BOOTSTRAP_PASSWORD");
            }
            String name = centre == null || centre.isBlank() ? "Default" : centre;
            return new ServerConfig.Bootstrap(name, user, password);
        }
    }
}
