package org.opendialler.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import com.fasterxml.jackson.dataformat.xml.XmlMapper;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns the raw parts of an HTTP request into an {@link ApiRequest}, applying the protocol's
 * rules for parameters, formats and bodies. It knows nothing of the HTTP server; the server
 * hands it the query, any multipart fields, and the body text.
 */
public final class RequestReader {

    private static final CsvMapper CSV = CsvMapper.builder()
            .enable(CsvParser.Feature.TRIM_SPACES)
            .enable(CsvParser.Feature.SKIP_EMPTY_LINES)
            .build();
    private static final XmlMapper XML = new XmlMapper();

    /** The most rows one write may carry: enough for any load, bounded for memory and time. */
    public static final int MAX_ROWS = 25_000;

    /** The raw parts of one request, as the HTTP layer saw them. */
    public record Raw(
            String script,
            Map<String, List<String>> query,
            Map<String, List<String>> multipartFields,
            String easycall,
            String body,
            String contentType,
            String clientIp,
            Map<String, String> headers,
            byte[] easycallBytes,
            String easycallFilename) {

        /** A request without the raw bytes of an {@code easycall} file part. */
        public Raw(String script, Map<String, List<String>> query,
                Map<String, List<String>> multipartFields, String easycall, String body,
                String contentType, String clientIp, Map<String, String> headers) {
            this(script, query, multipartFields, easycall, body, contentType, clientIp, headers,
                    null, null);
        }
    }

    private RequestReader() {
    }

    /**
     * Reads a request for a script whose default format is {@code defaultFormat} and which
     * answers only in {@code allowed} formats.
     */
    public static ApiRequest read(Raw raw, Format defaultFormat, Set<Format> allowed) {
        Map<String, List<String>> params = new LinkedHashMap<>(raw.query());
        String body = raw.body() == null ? "" : raw.body();
        String trimmed = body.strip();
        boolean structured = trimmed.startsWith("[") || trimmed.startsWith("{");
        if (!structured && isUrlEncoded(raw.contentType())) {
            addAbsent(params, parseForm(body));
            trimmed = "";
        }
        addAbsent(params, raw.multipartFields());
        rejectNul(params);

        Format format = format(params, defaultFormat, allowed);
        ObjectNode bodyObject = null;
        List<ObjectNode> rows = new ArrayList<>();
        Upload upload = raw.easycallBytes() == null ? null
                : new Upload(raw.easycallFilename(), raw.easycallBytes());
        boolean binary = upload != null && upload.isBinary();
        // A binary file (an audio upload) carries no rows: the script reads its bytes.
        if (binary) {
            bodyObject = null;
        } else if (raw.easycall() != null && !raw.easycall().isBlank()) {
            rows.addAll(rowsOf(raw.easycall().strip(), format));
        } else if (!trimmed.isEmpty()) {
            JsonNode parsed = structured ? Json.parse(trimmed) : null;
            if (parsed instanceof ObjectNode object) {
                bodyObject = object;
            }
            rows.addAll(parsed != null ? rowsOfJson(parsed) : rowsOf(trimmed, format));
        }
        if (rows.size() > MAX_ROWS) {
            throw new ApiException("Too many rows: at most " + MAX_ROWS + " in one request");
        }
        // A lone object is also the filters of a read, so bad text in it refuses the request;
        // in an array, only the row that holds it is refused (by the script that writes).
        String objectProblem = bodyObject == null ? null : problem(bodyObject);
        if (objectProblem != null) {
            throw new ApiException(objectProblem);
        }
        List<String> problems = rows.stream().map(RequestReader::problem).toList();
        return new ApiRequest(raw.script(), params, bodyObject, rows, problems, format,
                raw.clientIp(), raw.headers(), upload);
    }

    /**
     * The format a request asked for in its query, for answering an error found before the
     * request could be read whole; the default when it asked for none or for one not allowed.
     */
    public static Format formatHint(Map<String, List<String>> query, Format defaultFormat,
            Set<Format> allowed) {
        try {
            return format(query, defaultFormat, allowed);
        } catch (ApiException e) {
            return defaultFormat;
        }
    }

    private static Format format(Map<String, List<String>> params, Format defaultFormat,
            Set<Format> allowed) {
        List<String> given = params.getOrDefault("format", params.get("formart"));
        if (given == null || given.isEmpty() || given.get(given.size() - 1).isBlank()) {
            return defaultFormat;
        }
        Format format = Format.parse(given.get(given.size() - 1));
        if (format == null || !allowed.contains(format)) {
            throw ApiException.badArgument("format");
        }
        return format;
    }

    private static List<ObjectNode> rowsOf(String text, Format format) {
        if (text.startsWith("[") || text.startsWith("{")) {
            return rowsOfJson(Json.parse(text));
        }
        if (text.startsWith("<")) {
            return rowsOfXml(text);
        }
        if (format == Format.CSV) {
            return rowsOfCsv(text);
        }
        throw new ApiException("Invalid JSON: the rows must be a JSON object or array");
    }

    private static List<ObjectNode> rowsOfJson(JsonNode parsed) {
        List<ObjectNode> rows = new ArrayList<>();
        if (parsed instanceof ObjectNode object) {
            rows.add(object);
            return rows;
        }
        if (!(parsed instanceof ArrayNode array)) {
            throw new ApiException("Invalid JSON: the rows must be a JSON object or array");
        }
        for (JsonNode element : array) {
            if (element instanceof ObjectNode object) {
                rows.add(object);
            } else if (!element.isNull()) {
                throw new ApiException("Invalid JSON: each row must be a JSON object");
            }
        }
        return rows;
    }

    private static List<ObjectNode> rowsOfCsv(String text) {
        CsvSchema schema = CsvSchema.emptySchema().withHeader();
        List<ObjectNode> rows = new ArrayList<>();
        try (MappingIterator<ObjectNode> it =
                CSV.readerFor(ObjectNode.class).with(schema).readValues(text)) {
            while (it.hasNext()) {
                rows.add(it.next());
            }
        } catch (IOException | RuntimeException e) {
            throw new ApiException("Invalid CSV: " + e.getMessage().lines().findFirst().orElse(""));
        }
        return rows;
    }

    private static List<ObjectNode> rowsOfXml(String text) {
        JsonNode tree;
        try {
            tree = XML.readTree(text);
        } catch (IOException e) {
            throw new ApiException("Invalid XML: " + e.getMessage().lines().findFirst().orElse(""));
        }
        // <result><list><row>..</row><row>..</row></list></result>, or the rows at the top.
        JsonNode list = tree.has("list") ? tree.get("list") : tree;
        List<ObjectNode> rows = new ArrayList<>();
        if (list instanceof ObjectNode object && object.size() == 1
                && !object.elements().next().isValueNode()) {
            JsonNode inner = object.elements().next();
            return rowsOfJson(inner);
        }
        if (list instanceof ObjectNode object) {
            rows.add(object);
        }
        return rows;
    }

    private static boolean isUrlEncoded(String contentType) {
        return contentType != null
                && contentType.toLowerCase().startsWith("application/x-www-form-urlencoded");
    }

    private static Map<String, List<String>> parseForm(String body) {
        Map<String, List<String>> form = new LinkedHashMap<>();
        if (body.isBlank()) {
            return form;
        }
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            form.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return form;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ApiException.badArgument("form body");
        }
    }

    private static void addAbsent(Map<String, List<String>> params,
            Map<String, List<String>> more) {
        more.forEach(params::putIfAbsent);
    }

    /** The error for a row or object holding text no database can store, or null. */
    private static String problem(JsonNode node) {
        String bad = badText(List.of(node));
        return bad == null ? null : ApiException.badArgument("a value holds " + bad).getMessage();
    }

    /** What is wrong with the text of the rows, or null: text no database can store. */
    private static String badText(List<? extends JsonNode> nodes) {
        for (JsonNode node : nodes) {
            String bad = node.isTextual() ? badText(node.textValue()) : null;
            if (bad == null && node.isContainerNode()) {
                List<JsonNode> children = new ArrayList<>();
                node.elements().forEachRemaining(children::add);
                node.fieldNames().forEachRemaining(n -> children.add(
                        com.fasterxml.jackson.databind.node.TextNode.valueOf(n)));
                bad = badText(children);
            }
            if (bad != null) {
                return bad;
            }
        }
        return null;
    }

    /** A NUL, or half of a UTF-16 surrogate pair, which no JSON or XML answer could carry. */
    static String badText(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\0') {
                return "a NUL character";
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return "an unpaired surrogate";
            }
        }
        return null;
    }

    private static void rejectNul(Map<String, List<String>> params) {
        for (Map.Entry<String, List<String>> e : params.entrySet()) {
            boolean bad = badText(e.getKey()) != null
                    || e.getValue().stream().anyMatch(v -> v != null && badText(v) != null);
            if (bad) {
                throw ApiException.badArgument(printable(e.getKey()));
            }
        }
    }

    private static String printable(String name) {
        StringBuilder out = new StringBuilder();
        name.codePoints().forEach(c -> out.appendCodePoint(
                c == 0 || (c >= 0xD800 && c <= 0xDFFF) ? '?' : c));
        return out.toString();
    }
}
