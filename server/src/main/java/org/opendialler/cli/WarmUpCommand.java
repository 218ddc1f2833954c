package org.opendialler.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.opendialler.server.OpenDiallerServer;
import org.opendialler.server.ServerConfig;
import org.opendialler.store.DbConfig;
import picocli.CommandLine.Command;

/**
 * {@code opendialler warm-up}: starts a server on a throwaway data directory, asks it what a
 * client asks first, stops, and starts it once more on the same directory. The build runs it
 * under {@code -XX:ArchiveClassesAtExit} so that the class archive holds the classes of a start
 * on a fresh database, of a first request, and of a start on an existing database (Flyway's).
 */
@Command(name = "warm-up", hidden = true,
        description = "Start a server on a throwaway data directory, ask it a few requests, "
                + "stop; twice (the class archive's training run).")
final class WarmUpCommand implements Callable<Integer> {

    private static final String USER = "warm-up";
    private static final int TIMEOUT_MS = 60_000;

    @Override
    public Integer call() throws IOException {
        Path data = Files.createTempDirectory("opendialler-warm-up");
        try {
            String password = UUID.randomUUID().toString();
            ServerConfig config = ServerConfig.defaults(data).withPort(0)
                    .withHost("127.0.0.1").withDb(DbConfig.embedded(data))
                    .withBootstrap(new ServerConfig.Bootstrap("Warm-up", USER, password));
            ask(config, password);
            ask(config, password);
        } finally {
            delete(data);
        }
        return 0;
    }

    private static void ask(ServerConfig config, String password) throws IOException {
        try (OpenDiallerServer server = OpenDiallerServer.start(config)) {
            String base = server.baseUrl();
            get(base + "/health");
            String login = get(base + "/token.php?action=get&format=json&username=" + USER
                    + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8));
            String token = new ObjectMapper().readTree(login).path("token").asText();
            if (token.isEmpty()) {
                throw new IllegalStateException("warm-up: token.php gave no token: " + login);
            }
            get(base + "/ecnow.php?method=ecnow_datasets&action=read&format=json&token=" + token);
            get(base + "/database.php?method=queues&action=read&format=json&token=" + token);
        }
    }

    /** The body of a 200 answer; anything else means the server is broken. */
    private static String get(String url) throws IOException {
        HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
        c.setConnectTimeout(TIMEOUT_MS);
        c.setReadTimeout(TIMEOUT_MS);
        try {
            if (c.getResponseCode() != 200) {
                throw new IllegalStateException("warm-up: " + URI.create(url).getPath()
                        + " answered " + c.getResponseCode());
            }
            try (InputStream in = c.getInputStream()) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } finally {
            c.disconnect();
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
