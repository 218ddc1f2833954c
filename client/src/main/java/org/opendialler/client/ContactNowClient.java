package org.opendialler.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A client of the ContactNow API v2. It gets a token on first use, keeps it until shortly before
 * it expires, and when an answer says the token is expired or unknown it gets a new one and
 * sends the request once more. Reads that fail to connect are retried; writes never are, since
 * the server may have written them. Thread-safe: share one instance.
 */
public final class ContactNowClient {

    /** The hosted service in the United Kingdom. */
    public static final URI HOSTED_UK = URI.create("https://api-106.dxi.eu/");
    /** The hosted service in the United States. */
    public static final URI HOSTED_US = URI.create("https://api.contactnow.8x8.com/api/");

    private static final Set<String> IDEMPOTENT = Set.of("read", "validate", "fields", "list",
            "state");
    private static final Duration RENEW_BEFORE = Duration.ofSeconds(60);
    private static final int READ_ATTEMPTS = 3;

    private final String base;
    private final String username;
    private final String password;
    private final HttpClient http;
    private final Duration timeout;
    private final Clock clock;
    private final Object tokenLock = new Object();
    private String token;
    private long expire;

    private ContactNowClient(Builder b) {
        String url = Objects.requireNonNull(b.baseUrl, "baseUrl").toString();
        this.base = url.endsWith("/") ? url : url + "/";
        this.username = Objects.requireNonNull(b.username, "username");
        this.password = Objects.requireNonNull(b.password, "password");
        this.timeout = b.timeout;
        this.clock = b.clock;
        this.http = HttpClient.newBuilder().connectTimeout(b.timeout).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Settings of a client; only the base URL, username and password are required. */
    public static final class Builder {
        private URI baseUrl;
        private String username;
        private String password;
        private Duration timeout = Duration.ofSeconds(30);
        private Clock clock = Clock.systemUTC();

        public Builder baseUrl(String url) {
            return baseUrl(URI.create(url));
        }

        public Builder baseUrl(URI url) {
            this.baseUrl = url;
            return this;
        }

        public Builder credentials(String user, String pass) {
            this.username = user;
            this.password = pass;
            return this;
        }

        /** How long to wait for a connection and for each answer (default 30 s). */
        public Builder timeout(Duration value) {
            this.timeout = value;
            return this;
        }

        /** The clock used to decide when the token is due for renewal. */
        public Builder clock(Clock value) {
            this.clock = value;
            return this;
        }

        public ContactNowClient build() {
            return new ContactNowClient(this);
        }
    }

    // ---- typed areas -------------------------------------------------------------------

    public Records records() {
        return new Records(this);
    }

    public Datasets datasets() {
        return new Datasets(this);
    }

    public Reports reports() {
        return new Reports(this);
    }

    public Live live() {
        return new Live(this);
    }

    public AgentActions agentActions() {
        return new AgentActions(this);
    }

    /** Campaign tables of {@code ecnow.php}: read, create, delete. */
    public Resource campaignTables() {
        return new Resource(this, "ecnow.php", "campaign_tables");
    }

    /** Fields of campaign tables: read, create, update. */
    public Resource campaignFields() {
        return new Resource(this, "ecnow.php", "campaign_fields");
    }

    public Resource outcomeCodes() {
        return new Resource(this, "database.php", "outcomecodes");
    }

    public Resource queues() {
        return new Resource(this, "database.php", "queues");
    }

    public Resource agents() {
        return new Resource(this, "database.php", "agents");
    }

    public Resource teams() {
        return new Resource(this, "database.php", "teams");
    }

    public Resource priority() {
        return new Resource(this, "database.php", "priority");
    }

    public Resource campaigns() {
        return new Resource(this, "database.php", "campaigns");
    }

    public Resource ddis() {
        return new Resource(this, "database.php", "ddis");
    }

    public Resource dnc() {
        return new Resource(this, "database.php", "dnc");
    }

    public Resource todPolicies() {
        return new Resource(this, "database.php", "tod_policy");
    }

    public Resource todRules() {
        return new Resource(this, "database.php", "tod_rules");
    }

    public Resource statusLog() {
        return new Resource(this, "database.php", "status_log");
    }

    public Resource cdrLog() {
        return new Resource(this, "database.php", "cdr_log");
    }

    /**
     * Connects a caller to an agent of queue {@code qid} now ({@code click2dial.php}); answers
     * the envelope with {@code callid} and {@code urn}.
     */
    public JsonNode click2dial(long qid, String number, Map<String, String> recordFields) {
        Map<String, String> params = new LinkedHashMap<>(recordFields);
        params.put("qid", String.valueOf(qid));
        params.put("number", number);
        return call("click2dial.php", null, null, params);
    }

    /** Streams the recording of call {@code callid} into {@code out}; answers its size. */
    public long downloadRecording(long callid, OutputStream out) {
        String query = "token=" + token() + "&callid=" + callid;
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "recording.php?" + query))
                .timeout(timeout).GET().build();
        HttpResponse<InputStream> answer = send(request, HttpResponse.BodyHandlers.ofInputStream(),
                true);
        String type = answer.headers().firstValue("Content-Type").orElse("");
        try (InputStream in = answer.body()) {
            if (type.startsWith("application/json") || type.startsWith("application/xml")) {
                JsonNode envelope = Envelopes.parse(new String(in.readAllBytes(),
                        StandardCharsets.UTF_8));
                throw new ContactNowException(Objects.requireNonNullElse(
                        Envelopes.error(envelope), "Recording not found"), List.of());
            }
            return in.transferTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- untyped access ----------------------------------------------------------------

    /**
     * Calls any script, method and action with parameters, and answers the whole envelope.
     *
     * @throws ContactNowException when the answer has {@code success: false}
     */
    public JsonNode call(String script, String method, String action,
            Map<String, String> params) {
        JsonNode envelope = exchange(script, method, action, params, null);
        if (!Envelopes.success(envelope)) {
            throw new ContactNowException(Objects.requireNonNullElse(Envelopes.error(envelope),
                    "The server answered success: false"), List.of());
        }
        return envelope;
    }

    /** A read: the envelope's {@code total} and {@code list}. */
    public Page read(String script, String method, Map<String, String> filters) {
        JsonNode envelope = call(script, method, "read", filters);
        List<Map<String, String>> rows = Envelopes.rows(envelope);
        return new Page(Envelopes.number(envelope, "total", rows.size()), rows);
    }

    /**
     * A create, update or delete of rows, posted as a JSON body. A write whose every row was
     * refused raises {@link ContactNowException} with the per-row errors.
     */
    public WriteResult write(String script, String method, String action,
            List<? extends Map<String, ?>> rows, Map<String, String> params) {
        String body;
        try {
            body = Envelopes.JSON.writeValueAsString(rows);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("rows cannot be written as JSON", e);
        }
        JsonNode envelope = exchange(script, method, action, params, body);
        WriteResult result = Envelopes.write(envelope);
        String error = Envelopes.error(envelope);
        if (!Envelopes.success(envelope) || (result.total() == 0 && error != null)) {
            throw new ContactNowException(Objects.requireNonNullElse(error,
                    "The server answered success: false"), result.errors());
        }
        return result;
    }

    private JsonNode exchange(String script, String method, String action,
            Map<String, String> params, String body) {
        boolean tokenScript = script.equals("token.php");
        for (int attempt = 1; ; attempt++) {
            String current = tokenScript ? null : token();
            JsonNode envelope = Envelopes.parse(post(script, method, action, params, body,
                    current));
            if (tokenScript || attempt > 1 || !tokenRefused(envelope)) {
                return envelope;
            }
            forget(current);
        }
    }

    private static boolean tokenRefused(JsonNode envelope) {
        String error = Envelopes.error(envelope);
        return "Expired token".equals(error) || "Unknown token".equals(error)
                || Envelopes.number(envelope, "expire", 0) == -1;
    }

    private String post(String script, String method, String action,
            Map<String, String> params, String body, String currentToken) {
        StringBuilder query = new StringBuilder();
        if (method != null) {
            append(query, "method", method);
        }
        if (action != null) {
            append(query, "action", action);
        }
        if (currentToken != null) {
            append(query, "token", currentToken);
        }
        append(query, "format", "json");
        HttpRequest.Builder request;
        if (body != null) {
            append(query, "raw", "1");
            params.forEach((k, v) -> append(query, k, v));
            request = HttpRequest.newBuilder(URI.create(base + script + "?" + query))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        } else {
            StringBuilder form = new StringBuilder();
            params.forEach((k, v) -> append(form, k, v));
            request = HttpRequest.newBuilder(URI.create(base + script + "?" + query))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form.toString()));
        }
        boolean idempotent = body == null && (action == null || IDEMPOTENT.contains(action));
        return send(request.timeout(timeout).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8), idempotent).body();
    }

    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler,
            boolean retry) {
        IOException last = null;
        int attempts = retry ? READ_ATTEMPTS : 1;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            try {
                return http.send(request, handler);
            } catch (IOException e) {
                last = e;
                pause(attempt);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ContactNowException("interrupted", e);
            }
        }
        throw new ContactNowException("Cannot reach " + request.uri().getHost() + ": "
                + last.getMessage(), last);
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(200L * attempt * attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void append(StringBuilder query, String name, String value) {
        if (value == null) {
            return;
        }
        if (query.length() > 0) {
            query.append('&');
        }
        query.append(URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
    }

    // ---- tokens ------------------------------------------------------------------------

    /** The current token, getting a new one when there is none or it is about to expire. */
    public String token() {
        synchronized (tokenLock) {
            long now = clock.instant().getEpochSecond();
            if (token == null || now >= expire - RENEW_BEFORE.toSeconds()) {
                login();
            }
            return token;
        }
    }

    private void login() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("username", username);
        params.put("password", password);
        JsonNode envelope = exchange("token.php", null, "get", params, null);
        if (!Envelopes.success(envelope) || !envelope.hasNonNull("token")) {
            throw new ContactNowException(Objects.requireNonNullElse(Envelopes.error(envelope),
                    "Authentication failure"), List.of());
        }
        token = envelope.get("token").asText();
        expire = Envelopes.number(envelope, "expire", clock.instant().getEpochSecond() + 3600);
    }

    private void forget(String refused) {
        synchronized (tokenLock) {
            if (Objects.equals(token, refused)) {
                token = null;
            }
        }
    }
}
