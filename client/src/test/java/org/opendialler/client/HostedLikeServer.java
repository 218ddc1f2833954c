package org.opendialler.client;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * An HTTP server on loopback that answers the way the hosted service does where it differs from
 * OpenDialler: values as strings, {@code success} as {@code 1}, XML when it likes. Each test sets
 * what each script answers.
 */
final class HostedLikeServer implements AutoCloseable {

    /** One request as the server saw it. */
    record Seen(String script, Map<String, String> query, String body, String contentType) {
    }

    /** An answer that is not an envelope: a file with its Content-Type. */
    record File(String contentType, byte[] bytes) {
    }

    final List<Seen> seen = new CopyOnWriteArrayList<>();
    final AtomicInteger logins = new AtomicInteger();
    final Map<String, Function<Seen, String>> answers = new HashMap<>();
    /** Consulted before {@link #answers}: a file, or null to answer the envelope instead. */
    final Map<String, Function<Seen, File>> files = new HashMap<>();
    private final HttpServer http;

    HostedLikeServer() throws IOException {
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/", this::handle);
        http.start();
        answers.put("token.php", s -> {
            int n = logins.incrementAndGet();
            return "{\"success\":true,\"token\":\"" + String.format("%040x", n)
                    + "\",\"expire\":\"" + (System.currentTimeMillis() / 1000 + 43_199) + "\"}";
        });
    }

    String base() {
        return "http://127.0.0.1:" + http.getAddress().getPort() + "/api/";
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String script = path.substring(path.lastIndexOf('/') + 1);
        // ISO-8859-1 keeps every byte of a binary upload as one char.
        String body = new String(exchange.getRequestBody().readAllBytes(),
                StandardCharsets.ISO_8859_1);
        Seen request = new Seen(script, parse(exchange.getRequestURI().getRawQuery()), body,
                exchange.getRequestHeaders().getFirst("Content-Type"));
        seen.add(request);
        File file = files.containsKey(script) ? files.get(script).apply(request) : null;
        if (file != null) {
            exchange.getResponseHeaders().add("Content-Type", file.contentType());
            exchange.sendResponseHeaders(200, file.bytes().length);
            exchange.getResponseBody().write(file.bytes());
            exchange.close();
            return;
        }
        Function<Seen, String> answer = answers.get(script);
        String text = answer == null ? null : answer.apply(request);
        if (text == null) {
            exchange.close();
            return;
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", text.startsWith("<")
                ? "text/xml" : "text/html; charset=UTF-8");
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    static Map<String, String> parse(String query) {
        Map<String, String> out = new HashMap<>();
        if (query == null) {
            return out;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    @Override
    public void close() {
        http.stop(0);
    }
}
