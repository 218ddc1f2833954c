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
 * sends the request once more. Reads that fail to connect are retried; nothing else is (writes,
 * {@code click2dial.php}, {@code agent.php}), since the server may already have acted on it.
 * Thread-safe: share one instance.
 */
public final class ContactNowClient {

    /** The hosted service in the United Kingdom. */
    public static final URI HOSTED_UK = URI.create("https://api-106.dxi.eu/");
    /** The hosted service in the United States. */
    public static final URI HOSTED_US = URI.create("https://api.contactnow.8x8.com/api/");

    /** The actions that only read; retried after a connection failure. */
    private static final Set<String> READS = Set.of("read", "validate", "fields", "list");
    /** Scripts whose every action acts (dials, changes an agent), whatever it is called. */
    private static final Set<String> NEVER_RETRIED = Set.of("agent.php", "click2dial.php");
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

    /** Audio files of {@code database.php}: upload (create or overwrite), read, delete. */
    public AudioFiles audioFiles() {
        return new AudioFiles(this);
    }

    /** {@code recording.php}: the calls that have a recording, and their audio. */
    public Recordings recordings() {
        return new Recordings(this);
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

    /**
     * Streams the recording of call {@code callid} into {@code out}; answers its size. An
     * expired or unknown token is renewed and the download asked once more, as for any call.
     */
    public long downloadRecording(long callid, OutputStream out) {
        for (int attempt = 1; ; attempt++) {
            String current = token();
            String query = "token=" + current + "&callid=" + callid;
            HttpRequest request = HttpRequest.newBuilder(
                    URI.create(base + "recording.php?" + query)).timeout(timeout).GET().build();
            HttpResponse<InputStream> answer = send(request,
                    HttpResponse.BodyHandlers.ofInputStream(), true);
            String type = answer.headers().firstValue("Content-Type").orElse("");
            try (InputStream in = answer.body()) {
                if (!isEnvelope(type)) {
                    return in.transferTo(out);
                }
                JsonNode envelope = Envelopes.parse(new String(in.readAllBytes(),
                        StandardCharsets.UTF_8));
                if (attempt == 1 && tokenRefused(envelope)) {
                    forget(current);
                    continue;
                }
                throw new ContactNowException(Objects.requireNonNullElse(
                        Envelopes.error(envelope), "Recording not found"), List.of());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * Whether a download answered an envelope rather than audio: JSON, XML or any text, since
     * the hosted service labels its JSON {@code text/html}.
     */
    private static boolean isEnvelope(String contentType) {
        String type = contentType.toLowerCase(java.util.Locale.ROOT);
        return type.startsWith("application/json") || type.startsWith("application/xml")
                || type.startsWith("text/");
    }

    // ---- untyped access ----------------------------------------------------------------

    /**
     * Calls any script, method and action with parameters, and answers the whole envelope.
     *
     * @throws ContactNowException when the answer has {@code success: false}
     */
    public JsonNode call(String script, String method, String action,
            Map<String, String> params) {
        JsonNode envelope = exchange(script, method, action, params, Payload.FORM);
        if (!Envelopes.success(envelope)) {
            throw new ContactNowException(Objects.requireNonNullElse(Envelopes.error(envelope),
                    "The server answered success: false"), List.of());
        }
        return envelope;
    }

    /** A read: the envelope's {@code total} and {@code list}. */
    public Page read(String script, String method, Map<String, String> filters) {
        return page(script, method, "read", filters);
    }

    /** Any action that answers {@code total} and {@code list} ({@code list}, {@code fields}). */
    Page page(String script, String method, String action, Map<String, String> params) {
        JsonNode envelope = call(script, method, action, params);
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
        return written(exchange(script, method, action, params, Payload.json(body)));
    }

    /**
     * A create or update whose content is a file, sent as the multipart part {@code easycall}
     * (audio files), with {@code params} in the query.
     */
    WriteResult upload(String script, String method, String action, String fileName,
            String fileType, byte[] file, Map<String, String> params) {
        return written(exchange(script, method, action, params,
                Payload.multipart(fileName, fileType, file)));
    }

    private static WriteResult written(JsonNode envelope) {
        WriteResult result = Envelopes.write(envelope);
        String error = Envelopes.error(envelope);
        if (!Envelopes.success(envelope) || (result.total() == 0 && error != null)) {
            throw new ContactNowException(Objects.requireNonNullElse(error,
                    "The server answered success: false"), result.errors());
        }
        return result;
    }

    /**
     * What a request carries: the parameters as a form (reads, and calls without rows), or rows
     * or a file as the body with the parameters in the query.
     */
    private record Payload(String contentType, byte[] bytes) {

        static final Payload FORM = new Payload(null, null);

        static Payload json(String rows) {
            return new Payload("application/json", rows.getBytes(StandardCharsets.UTF_8));
        }

        static Payload multipart(String fileName, String fileType, byte[] file) {
            String boundary = "----opendialler" + java.util.UUID.randomUUID().toString()
                    .replace("-", "");
            String safeName = fileName.replace("\"", "").replace("\r", "").replace("\n", "");
            byte[] head = ("--" + boundary + "\r\n"
                    + "Content-Disposition: form-data; name=\"easycall\"; filename=\""
                    + safeName + "\"\r\nContent-Type: " + fileType + "\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8);
            byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
            byte[] all = new byte[head.length + file.length + tail.length];
            System.arraycopy(head, 0, all, 0, head.length);
            System.arraycopy(file, 0, all, head.length, file.length);
            System.arraycopy(tail, 0, all, head.length + file.length, tail.length);
            return new Payload("multipart/form-data; boundary=" + boundary, all);
        }

        boolean isForm() {
            return bytes == null;
        }

        boolean isJson() {
            return "application/json".equals(contentType);
        }
    }

    private JsonNode exchange(String script, String method, String action,
            Map<String, String> params, Payload payload) {
        boolean tokenScript = script.equals("token.php");
        for (int attempt = 1; ; attempt++) {
            String current = tokenScript ? null : token();
            JsonNode envelope = Envelopes.parse(post(script, method, action, params, payload,
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

    /**
     * Whether a request may be sent again after a connection failure: only a read, since the
     * server may have acted on anything else before the connection broke. A request without an
     * action ({@code click2dial.php}) and every {@code agent.php} action, {@code state}
     * included, are never sent twice.
     */
    static boolean retriable(String script, String action, boolean form) {
        return form && action != null && READS.contains(action)
                && !NEVER_RETRIED.contains(script);
    }

    private String post(String script, String method, String action,
            Map<String, String> params, Payload payload, String currentToken) {
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
        if (payload.isForm()) {
            StringBuilder form = new StringBuilder();
            params.forEach((k, v) -> append(form, k, v));
            request = HttpRequest.newBuilder(URI.create(base + script + "?" + query))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form.toString()));
        } else {
            // The PHP wrapper flags a JSON body with raw=1; its file uploads carry no flag.
            if (payload.isJson()) {
                append(query, "raw", "1");
            }
            params.forEach((k, v) -> append(query, k, v));
            request = HttpRequest.newBuilder(URI.create(base + script + "?" + query))
                    .header("Content-Type", payload.contentType())
                    .POST(HttpRequest.BodyPublishers.ofByteArray(payload.bytes()));
        }
        return send(request.timeout(timeout).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8),
                retriable(script, action, payload.isForm())).body();
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
                if (attempt < attempts) {
                    pause(attempt);
                }
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
        JsonNode envelope = exchange("token.php", null, "get", params, Payload.FORM);
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
