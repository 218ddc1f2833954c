package org.opendialler.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A plain HTTP client for tests, shaped like the known clients: it gets a token, then calls
 * scripts the way the vendor's PHP wrapper does. Every call goes over real HTTP.
 */
public final class Api {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5)).build();

    public final String base;
    public final long ccid;
    public final String username;
    public final String password;
    public String token;

    public Api(String base, long ccid, String username, String password) {
        this.base = base;
        this.ccid = ccid;
        this.username = username;
        this.password = password;
    }

    /** A status, the Content-Type and the body of one answer. */
    public record Response(int status, String contentType, String body) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }
    }

    public void login() {
        JsonNode answer = get("/token.php?action=get&format=json&username=" + enc(username)
                + "&password=" + enc(password)).json();
        if (!answer.path("success").asBoolean()) {
            throw new AssertionError("login failed: " + answer);
        }
        token = answer.get("token").asText();
    }

    public Response get(String pathAndQuery) {
        return send(HttpRequest.newBuilder(URI.create(base + pathAndQuery)).GET());
    }

    public Response post(String pathAndQuery, String contentType, String body) {
        return send(HttpRequest.newBuilder(URI.create(base + pathAndQuery))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
    }

    public Response post(String pathAndQuery, String contentType, byte[] body) {
        return send(HttpRequest.newBuilder(URI.create(base + pathAndQuery))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    public static Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> r = HTTP.send(request.timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Response(r.statusCode(),
                    r.headers().firstValue("Content-Type").orElse(""), r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The query the PHP wrapper sends: the method's own, then token, format, campaign, raw. */
    public String phpQuery(String script, Map<String, String> own) {
        StringBuilder q = new StringBuilder("/" + script + "?");
        own.forEach((k, v) -> q.append(enc(k)).append('=').append(enc(v)).append('&'));
        q.append("token=").append(token).append("&format=json&campaign=").append(ccid)
                .append("&raw=1");
        return q.toString();
    }

    /** A write as the PHP wrapper sends it: JSON text under a form Content-Type. */
    public JsonNode write(String script, String method, String action, String rowsJson) {
        return post(phpQuery(script, Map.of("method", method, "action", action)),
                "application/x-www-form-urlencoded", rowsJson).json();
    }

    /** A read with filters as multipart fields, as the PHP wrapper sends it. */
    public JsonNode readMultipart(String script, String method, Map<String, String> filters) {
        Map<String, String> own = new LinkedHashMap<>();
        own.put("method", method);
        own.put("action", "read");
        String boundary = "----od" + UUID.randomUUID().toString().replace("-", "");
        return post(phpQuery(script, own), "multipart/form-data; boundary=" + boundary,
                multipart(boundary, filters, null)).json();
    }

    /** Makes a campaign table with the standard fields, as ecnow.php creates one. */
    public void campaignTable(String name) {
        JsonNode answer = write("ecnow.php", "campaign_tables", "create",
                "[{\"name\":\"" + name + "\"}]");
        if (answer.path("total").asInt() != 1) {
            throw new AssertionError("campaign table " + name + " not made: " + answer);
        }
    }

    /** A read with filters in the query string, JSON answer. */
    public JsonNode read(String script, String method, Map<String, String> filters) {
        StringBuilder q = new StringBuilder("/" + script + "?method=" + enc(method)
                + "&action=read&format=json&token=" + token);
        filters.forEach((k, v) -> q.append('&').append(enc(k)).append('=').append(enc(v)));
        return get(q.toString()).json();
    }

    /** A multipart body of plain fields and, when given, a file part named easycall. */
    public static byte[] multipart(String boundary, Map<String, String> fields,
            String easycall) {
        StringBuilder b = new StringBuilder();
        fields.forEach((k, v) -> b.append("--").append(boundary).append("\r\n")
                .append("Content-Disposition: form-data; name=\"").append(k).append("\"\r\n\r\n")
                .append(v).append("\r\n"));
        if (easycall != null) {
            b.append("--").append(boundary).append("\r\n")
                    .append("Content-Disposition: form-data; name=\"easycall\"; "
                            + "filename=\"rows.json\"\r\n")
                    .append("Content-Type: application/json\r\n\r\n")
                    .append(easycall).append("\r\n");
        }
        b.append("--").append(boundary).append("--\r\n");
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Sends a request written by hand over a socket, for shapes {@link HttpClient} refuses to
     * send (an empty {@code Expect:} header). {@code head} is the request line and headers.
     */
    public Response raw(String head) {
        URI uri = URI.create(base);
        try (java.net.Socket socket = new java.net.Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(30_000);
            String withHost = head.replaceFirst("\r\n", "\r\nHost: " + uri.getHost()
                    + "\r\nConnection: close\r\n");
            socket.getOutputStream().write(withHost.getBytes(StandardCharsets.UTF_8));
            String text = new String(socket.getInputStream().readAllBytes(),
                    StandardCharsets.UTF_8);
            int split = text.indexOf("\r\n\r\n");
            String headers = text.substring(0, split);
            String body = text.substring(split + 4);
            int status = Integer.parseInt(headers.substring(9, 12));
            String type = headers.lines().filter(l -> l.toLowerCase().startsWith("content-type:"))
                    .map(l -> l.substring(13).trim()).findFirst().orElse("");
            if (headers.toLowerCase().contains("transfer-encoding: chunked")) {
                body = unchunk(body);
            }
            return new Response(status, type, body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String unchunk(String body) {
        StringBuilder out = new StringBuilder();
        int at = 0;
        while (true) {
            int eol = body.indexOf("\r\n", at);
            int size = Integer.parseInt(body.substring(at, eol).trim(), 16);
            if (size == 0) {
                return out.toString();
            }
            out.append(body, eol + 2, eol + 2 + size);
            at = eol + 2 + size + 2;
        }
    }

    public static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
