package org.opendialler.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One call of a script, with its parameters merged as the protocol says: the query string wins
 * over a form body, which wins over a JSON object posted as the body of a read. Instances are
 * built by {@link RequestReader}; they are immutable but for the caller, which the router sets
 * once the token is checked.
 */
public final class ApiRequest {

    private static final Pattern CENTRE_ID = Pattern.compile("\\d{1,18}");
    private static final Pattern WHOLE = Pattern.compile("[+-]?[0-9]+");

    private final String script;
    private final Map<String, List<String>> params;
    private final ObjectNode bodyObject;
    private final List<ObjectNode> rows;
    private final List<String> rowProblems;
    private final Format format;
    private final String clientIp;
    private final Map<String, String> headers;
    private final Upload upload;
    private Caller caller;

    ApiRequest(String script, Map<String, List<String>> params, ObjectNode bodyObject,
            List<ObjectNode> rows, Format format, String clientIp, Map<String, String> headers) {
        this(script, params, bodyObject, rows, null, format, clientIp, headers, null);
    }

    ApiRequest(String script, Map<String, List<String>> params, ObjectNode bodyObject,
            List<ObjectNode> rows, List<String> rowProblems, Format format, String clientIp,
            Map<String, String> headers, Upload upload) {
        this.upload = upload;
        this.script = script;
        this.params = params;
        this.bodyObject = bodyObject;
        this.rows = rows;
        this.rowProblems = rowProblems == null ? List.of() : rowProblems;
        this.format = format;
        this.clientIp = clientIp;
        this.headers = headers;
    }

    public String script() {
        return script;
    }

    /** The {@code method} parameter, or {@code null}. */
    public String method() {
        return param("method");
    }

    /** The {@code action} parameter, or {@code null}. */
    public String action() {
        return param("action");
    }

    public Format format() {
        return format;
    }

    /** The caller's address, after trusted proxies are taken into account. */
    public String clientIp() {
        return clientIp;
    }

    /** A request header by lower-case name, or {@code null}. */
    public String header(String lowerCaseName) {
        return headers.get(lowerCaseName);
    }

    /** The authenticated caller; only scripts that take a token may ask. */
    public Caller caller() {
        if (caller == null) {
            throw new IllegalStateException(
                    "request of " + script + " has no authenticated caller");
        }
        return caller;
    }

    /** Whether the token check has already made this request's caller. */
    public boolean hasCaller() {
        return caller != null;
    }

    public void authenticate(Caller caller) {
        this.caller = caller;
    }

    /**
     * Takes the caller a token check found and, when a numeric {@code campaign} names the
     * centre (see {@link Script#campaignIsCentre()}), refuses any number but the caller's
     * ccid or {@code 0}.
     */
    public void authenticate(Caller caller, boolean campaignIsCentre) {
        this.caller = caller;
        String campaign = optional("campaign").orElse(null);
        if (campaignIsCentre && campaign != null && CENTRE_ID.matcher(campaign).matches()) {
            long id = Long.parseLong(campaign);
            if (id != 0 && id != caller.ccid()) {
                throw ApiException.accessDenied();
            }
        }
    }

    /** The caller's contact centre id: the tenant every query of this request is confined to. */
    public long ccid() {
        return caller().ccid();
    }

    /**
     * A parameter's value: the last value sent under that exact name (as PHP reads it), or the
     * same key of a JSON object body rendered as text; {@code null} when absent.
     */
    public String param(String name) {
        List<String> values = params.get(name);
        if (values != null && !values.isEmpty()) {
            return values.get(values.size() - 1);
        }
        JsonNode node = bodyObject == null ? null : bodyObject.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isValueNode()) {
            return node.asText();
        }
        // A JSON array of plain values is the comma list a query string would carry; anything
        // else nested under a flat name is refused rather than ignored.
        List<String> items = new ArrayList<>();
        node.elements().forEachRemaining(e -> items.add(e.isValueNode() && !e.isNull()
                && !e.asText().contains(",") ? e.asText() : null));
        if (!node.isArray() || items.isEmpty() || items.contains(null)) {
            throw ApiException.badArgument(name);
        }
        return String.join(",", items);
    }

    /** A parameter's value trimmed, or empty when absent or blank. */
    public Optional<String> optional(String name) {
        String value = param(name);
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(value.trim());
    }

    /** Whether the parameter was sent, even empty. */
    public boolean has(String name) {
        return params.containsKey(name) || (bodyObject != null && bodyObject.has(name))
                || !nested(name).isEmpty();
    }

    /** A whole-number parameter, or empty; malformed text is {@code Bad argument: NAME}. */
    public Optional<Long> longParam(String name) {
        // name[]=N, PHP's form of an array, is no one number: ignoring it would drop a filter.
        if (!nested(name).isEmpty()) {
            throw ApiException.badArgument(name);
        }
        Optional<String> text = optional(name);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        // Long.parseLong also takes the digits of other scripts, which no client means.
        if (!WHOLE.matcher(text.get()).matches()) {
            throw ApiException.badArgument(name);
        }
        try {
            return Optional.of(Long.parseLong(text.get()));
        } catch (NumberFormatException e) {
            throw ApiException.badArgument(name);
        }
    }

    /** Every parameter name sent, in the order first seen (flat names only). */
    public List<String> names() {
        List<String> names = new ArrayList<>(params.keySet());
        if (bodyObject != null) {
            bodyObject.fieldNames().forEachRemaining(n -> {
                if (!names.contains(n)) {
                    names.add(n);
                }
            });
        }
        return names;
    }

    /**
     * A nested filter such as {@code search}, from whichever of its three shapes arrived: PHP
     * brackets ({@code search[firstname]=john}), a JSON object in the value, or a JSON object
     * under that key in the body. Empty when none did. A plain value that is not a JSON object
     * is not nested: read it with {@link #param(String)}.
     */
    public Map<String, String> nested(String name) {
        Map<String, String> out = new LinkedHashMap<>();
        String prefix = name + "[";
        for (Map.Entry<String, List<String>> e : params.entrySet()) {
            String key = e.getKey();
            if (key.startsWith(prefix) && key.endsWith("]") && !e.getValue().isEmpty()) {
                String inner = key.substring(prefix.length(), key.length() - 1);
                out.put(inner, e.getValue().get(e.getValue().size() - 1));
            }
        }
        if (!out.isEmpty()) {
            return out;
        }
        List<String> values = params.get(name);
        if (values != null && !values.isEmpty()) {
            String text = values.get(values.size() - 1).trim();
            if (text.startsWith("{")) {
                return flatten(name, Json.parseObject(text, name));
            }
            return out;
        }
        if (bodyObject != null && bodyObject.get(name) instanceof ObjectNode object) {
            return flatten(name, object);
        }
        return out;
    }

    private static Map<String, String> flatten(String name, ObjectNode object) {
        Map<String, String> out = new LinkedHashMap<>();
        object.fields().forEachRemaining(e -> {
            if (!e.getValue().isValueNode()) {
                throw ApiException.badArgument(name);
            }
            out.put(e.getKey(), e.getValue().isNull() ? null : e.getValue().asText());
        });
        return out;
    }

    /**
     * The rows posted for a create, update or delete, in input order.
     *
     * @throws ApiException {@code No file uploaded...} when the request carries none
     */
    public List<ObjectNode> rows() {
        if (rows.isEmpty()) {
            throw ApiException.noRows();
        }
        refuseUnstorableRows();
        return Collections.unmodifiableList(rows);
    }

    /**
     * The rows posted, including those whose text no database can store, for a script that
     * refuses such a row alone ({@link #rowProblem}) and writes the others.
     *
     * @throws ApiException {@code No file uploaded...} when the request carries none
     */
    public List<ObjectNode> rowsEachChecked() {
        if (rows.isEmpty()) {
            throw ApiException.noRows();
        }
        return Collections.unmodifiableList(rows);
    }

    /** Why row {@code index} cannot be written whatever the script (a NUL, say), or empty. */
    public Optional<String> rowProblem(int index) {
        return index < rowProblems.size() ? Optional.ofNullable(rowProblems.get(index))
                : Optional.empty();
    }

    /** For a script that writes rows all or none: a row no database can store refuses all. */
    private void refuseUnstorableRows() {
        rowProblems.stream().filter(Objects::nonNull).findFirst().ifPresent(p -> {
            throw new ApiException(p);
        });
    }

    /** The posted rows, possibly none: for actions where rows are optional. */
    public List<ObjectNode> rowsOrEmpty() {
        refuseUnstorableRows();
        return Collections.unmodifiableList(rows);
    }

    /** The multipart file part {@code easycall} as sent, bytes and file name; empty if none. */
    public Optional<Upload> upload() {
        return Optional.ofNullable(upload);
    }
}
