package org.opendialler.server;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.UploadedFile;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.opendialler.protocol.Addresses;
import org.opendialler.protocol.Answer;
import org.opendialler.protocol.ApiException;
import org.opendialler.protocol.ApiRequest;
import org.opendialler.protocol.Authenticator;
import org.opendialler.protocol.Caller;
import org.opendialler.protocol.EnvelopeWriter;
import org.opendialler.protocol.Format;
import org.opendialler.protocol.MethodScript;
import org.opendialler.protocol.RequestReader;
import org.opendialler.protocol.Script;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves every script: finds it by the last path segment (at the root, under the API prefix, with
 * doubled slashes), reads the request, checks the token, and writes the envelope. Every answer
 * that carries an envelope is HTTP 200 but a crash, which is 500 with an envelope.
 */
final class ScriptRouter implements Handler {

    private static final Logger LOG = LoggerFactory.getLogger(ScriptRouter.class);

    private final Map<String, Script> scripts = new LinkedHashMap<>();
    private final Authenticator authenticator;
    private final ServerConfig config;
    private final MeterRegistry metrics;
    private final Map<List<String>, Timer> timers = new ConcurrentHashMap<>();

    ScriptRouter(List<Script> scripts, Authenticator authenticator, ServerConfig config,
            MeterRegistry metrics) {
        scripts.forEach(s -> this.scripts.put(s.name(), s));
        this.authenticator = authenticator;
        this.config = config;
        this.metrics = metrics;
    }

    @Override
    public void handle(Context ctx) {
        Script script = scriptOf(ctx.path());
        if (script == null) {
            ctx.status(404).contentType("text/plain; charset=utf-8").result("Not found\n");
            return;
        }
        Timer.Sample sample = Timer.start(metrics);
        String method = "";
        String result = "success";
        ApiRequest checked = null;
        Format format = script.defaultFormat();
        try {
            Query parsed = query(ctx);
            Map<String, List<String>> query = parsed.params();
            format = RequestReader.formatHint(query, script.defaultFormat(), script.formats());
            if (parsed.refused() != null) {
                throw ApiException.badArgument(parsed.refused());
            }
            ApiRequest request = RequestReader.read(raw(ctx, script, query),
                    script.defaultFormat(), script.formats());
            format = request.format();
            checked = request;
            method = request.optional("method").orElse("");
            if (script.requiresToken() && !script.checksTokenItself(request)) {
                Caller caller = authenticator.authenticate(request.param("token"),
                        request.clientIp());
                request.authenticate(caller, script.campaignIsCentre());
            }
            Answer answer = script.handle(request);
            if (answer instanceof Answer.File file) {
                sendFile(ctx, file);
                return;
            }
            if (answer instanceof Answer.Events events) {
                EventStreamSender.send(ctx, events);
                return;
            }
            Map<String, Object> envelope = envelope(true, callerOf(request));
            envelope.putAll(answer.body());
            send(ctx, 200, format, rowName(request), envelope);
        } catch (ApiException e) {
            result = "error";
            Map<String, Object> envelope = envelope(false, callerOf(checked));
            envelope.put("error", e.getMessage());
            envelope.putAll(e.extra());
            send(ctx, 200, format == Format.CSV ? Format.JSON : format, method, envelope);
        } catch (RuntimeException e) {
            result = "crash";
            LOG.error("{} method '{}' crashed", script.name(), method, e);
            Map<String, Object> envelope = envelope(false, callerOf(checked));
            envelope.put("error", "Internal server error");
            send(ctx, 500, format == Format.CSV ? Format.JSON : format, method, envelope);
        } finally {
            sample.stop(timer(script.name(), metricMethod(script, method), result));
        }
    }

    /** The request timer of these tags, registered once: building it costs more than a read. */
    private Timer timer(String script, String method, String result) {
        return timers.computeIfAbsent(List.of(script, method, result),
                tags -> Timer.builder("opendialler.requests")
                        .tag("script", script)
                        .tag("method", method)
                        .tag("result", result)
                        .publishPercentileHistogram()
                        .register(metrics));
    }

    /** Methods the script lacks are one tag, so no client can grow the metrics at will. */
    private static String metricMethod(Script script, String method) {
        if (method.isEmpty()) {
            return "none";
        }
        boolean known = script instanceof MethodScript table && table.methods().knows(method);
        return known ? method : "other";
    }

    private Script scriptOf(String path) {
        String rest = stripSlashes(path);
        String prefix = stripSlashes(config.apiPrefix());
        if (!prefix.isEmpty() && rest.startsWith(prefix + "/")) {
            rest = stripSlashes(rest.substring(prefix.length()));
        }
        return scripts.get(rest);
    }

    private static String stripSlashes(String path) {
        int start = 0;
        int end = path.length();
        while (start < end && path.charAt(start) == '/') {
            start++;
        }
        while (end > start && path.charAt(end - 1) == '/') {
            end--;
        }
        return path.substring(start, end);
    }

    private static String rowName(ApiRequest request) {
        return request.optional("method").orElse("item");
    }

    private static Map<String, Object> envelope(boolean success, Caller caller) {
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("success", success);
        if (caller != null) {
            envelope.put("account_id", String.valueOf(caller.ccid()));
        }
        return envelope;
    }

    /** A read request's caller, if its token was checked, here or by its script. */
    private static Caller callerOf(ApiRequest request) {
        return request == null || !request.hasCaller() ? null : request.caller();
    }

    private RequestReader.Raw raw(Context ctx, Script script,
            Map<String, List<String>> query) {
        Map<String, String> headers = new LinkedHashMap<>();
        ctx.headerMap().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v));
        String clientIp = Addresses.client(ctx.req().getRemoteAddr(),
                headers.get("x-forwarded-for"), config.trustedProxies());
        String contentType = ctx.contentType();
        boolean multipart = contentType != null
                && contentType.toLowerCase(Locale.ROOT).startsWith("multipart/");
        if (multipart) {
            return multipart(ctx, script, query, clientIp, headers);
        }
        return new RequestReader.Raw(script.name(), query, Map.of(), null, body(ctx),
                contentType, clientIp, headers);
    }

    /**
     * The query string decoded as PHP decodes it: {@code +} is a space, {@code %XX} a byte, and
     * a {@code %} that starts no escape is kept as text, so it fails whatever check its
     * parameter has rather than the whole request.
     */
    private static Query query(Context ctx) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        String refused = null;
        String raw = ctx.queryString();
        if (raw == null || raw.isEmpty()) {
            return new Query(query, null);
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String rawName = eq < 0 ? pair : pair.substring(0, eq);
            String name = decode(rawName);
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            if (name == null || value == null) {
                String shown = name == null ? rawName : name;
                refused = refused != null ? refused
                        : shown.length() > 40 ? shown.substring(0, 40) : shown;
                continue;
            }
            query.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return new Query(query, refused);
    }

    /**
     * A query string's parameters, and the name of the first one whose text was not UTF-8,
     * refused once the format of the answer is known.
     */
    private record Query(Map<String, List<String>> params, String refused) {
    }

    /**
     * One query component's text, or null when its bytes are not UTF-8: as with a body, that
     * refuses the request rather than being stored as U+FFFD.
     */
    private static String decode(String text) {
        if (text.indexOf('%') < 0 && text.indexOf('+') < 0) {
            return text;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int high = i + 2 < text.length() ? Character.digit(text.charAt(i + 1), 16) : -1;
            int low = high >= 0 ? Character.digit(text.charAt(i + 2), 16) : -1;
            if (c == '+') {
                bytes.write(' ');
            } else if (c == '%' && low >= 0) {
                bytes.write(high * 16 + low);
                i += 2;
            } else {
                int end = Character.isHighSurrogate(c) && i + 1 < text.length() ? i + 2 : i + 1;
                bytes.writeBytes(text.substring(i, end).getBytes(StandardCharsets.UTF_8));
                i = end - 1;
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private RequestReader.Raw multipart(Context ctx, Script script,
            Map<String, List<String>> query, String clientIp, Map<String, String> headers) {
        checkLength(ctx);
        Map<String, List<String>> fields;
        String easycall = null;
        byte[] easycallBytes = null;
        String easycallName = null;
        try {
            fields = new LinkedHashMap<>(ctx.formParamMap());
            UploadedFile file = ctx.uploadedFile("easycall");
            if (file != null) {
                try (InputStream in = file.content()) {
                    easycallBytes = in.readAllBytes();
                }
                easycallName = file.filename();
                easycall = new String(easycallBytes, StandardCharsets.UTF_8);
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof ApiException api) {
                throw api;
            }
            // A malformed body is the client's mistake: no stack trace, no parser internals.
            throw ApiException.badArgument("multipart body");
        }
        List<String> asField = fields.remove("easycall");
        if (easycall == null && asField != null && !asField.isEmpty()) {
            easycall = asField.get(asField.size() - 1);
        }
        return new RequestReader.Raw(script.name(), query, fields, easycall, null,
                ctx.contentType(), clientIp, headers, easycallBytes, easycallName);
    }

    private String body(Context ctx) {
        checkLength(ctx);
        if (ctx.req().getContentLengthLong() <= 0 && ctx.header("Transfer-Encoding") == null) {
            return "";
        }
        try (InputStream in = ctx.req().getInputStream()) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8,
                    config.maxBodyBytes() + 1));
            if (bytes.length > config.maxBodyBytes()) {
                throw tooLarge();
            }
            return utf8(bytes);
        } catch (IOException e) {
            throw new ApiException("The request body could not be read");
        }
    }

    /**
     * The body's text: UTF-8 whatever the Content-Type's charset says, as the hosted service
     * reads it, with a byte-order mark dropped. Bytes that are not UTF-8 are refused, not
     * replaced, so that nothing is stored other than what was sent.
     */
    private static String utf8(byte[] bytes) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            throw new ApiException("Bad argument: the body is not UTF-8");
        }
    }

    private void checkLength(Context ctx) {
        if (ctx.req().getContentLengthLong() > config.maxBodyBytes()) {
            throw tooLarge();
        }
    }

    private ApiException tooLarge() {
        return new ApiException("Request body too large: the limit is "
                + config.maxBodyBytes() + " bytes");
    }

    private static void send(Context ctx, int status, Format format, String rowName,
            Map<String, Object> envelope) {
        byte[] bytes;
        try {
            bytes = EnvelopeWriter.write(format, rowName.isEmpty() ? "item" : rowName, envelope);
        } catch (RuntimeException e) {
            LOG.error("an envelope could not be rendered as {}", format, e);
            Map<String, Object> crash = new LinkedHashMap<>();
            crash.put("success", false);
            crash.put("error", "Internal server error");
            bytes = EnvelopeWriter.json(crash);
            format = Format.JSON;
            status = 500;
        }
        ctx.status(status).contentType(format.contentType()).result(bytes);
    }

    private static void sendFile(Context ctx, Answer.File file) {
        FileSender.send(ctx, file);
    }

    /** The names of the scripts served, for the start-up log. */
    List<String> names() {
        return new ArrayList<>(scripts.keySet());
    }
}
