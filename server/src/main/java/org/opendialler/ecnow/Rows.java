package org.opendialler.ecnow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.opendialler.protocol.Answer;
import org.opendialler.protocol.ApiException;
import org.opendialler.protocol.ApiRequest;
import org.opendialler.protocol.RowError;

/** Helpers for writes that take rows: where the rows come from, and per-row error handling. */
final class Rows {

    /** Parameters that are protocol words, never row keys. */
    private static final Set<String> PROTOCOL = Set.of("token", "method", "action", "format",
            "formart", "campaign", "raw", "dedupe", "filename");

    /** A whole number as rows may carry it; compiled once, as every row of a load asks. */
    static final Pattern WHOLE_NUMBER = Pattern.compile("-?\\d{1,18}");

    private Rows() {
    }

    /**
     * The rows of a configuration write: the posted rows, or else the parameters as one row
     * (so that {@code ?method=campaign_tables&action=create&name=X} works too).
     */
    static List<ObjectNode> configRows(ApiRequest request) {
        if (!request.rowsOrEmpty().isEmpty()) {
            return request.rowsOrEmpty();
        }
        ObjectNode row = JsonNodeFactory.instance.objectNode();
        for (String name : request.names()) {
            if (!PROTOCOL.contains(name) && request.param(name) != null) {
                row.put(name, request.param(name));
            }
        }
        if (row.isEmpty()) {
            throw ApiException.noRows();
        }
        return List.of(row);
    }

    /** A row's keys by lower-case name, values as text ({@code null} for JSON null). */
    static Map<String, String> lowerKeys(ObjectNode row) {
        Map<String, String> out = new TreeMap<>();
        row.fields().forEachRemaining(e -> {
            JsonNode v = e.getValue();
            if (v.isArray()) {
                List<String> parts = new ArrayList<>();
                v.forEach(x -> parts.add(x.asText()));
                out.put(e.getKey().toLowerCase(Locale.ROOT), String.join(",", parts));
                return;
            }
            if (!v.isValueNode()) {
                throw new RowProblem("Field [" + e.getKey() + "] must be a single value");
            }
            out.put(e.getKey().toLowerCase(Locale.ROOT), v.isNull() ? null : v.asText());
        });
        return out;
    }

    /** Runs {@code work} on every row; a {@link RowProblem} refuses that row alone. */
    static Answer.Write each(List<ObjectNode> rows, Function<ObjectNode, Object> work) {
        List<RowError> errors = new ArrayList<>();
        List<Object> keys = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            try {
                keys.add(work.apply(rows.get(i)));
            } catch (RowProblem e) {
                errors.add(new RowError(i, e.getMessage()));
            }
        }
        return new Answer.Write(keys.size(), errors, keys, null);
    }

    static long wholeNumber(String value, String what) {
        if (value == null || !WHOLE_NUMBER.matcher(value.trim()).matches()) {
            throw new RowProblem("Bad argument: " + what);
        }
        return Long.parseLong(value.trim());
    }

    static String yesNo(String value, String what) {
        String v = value == null ? "" : value.trim().toUpperCase(Locale.ROOT);
        if (!v.equals("Y") && !v.equals("N")) {
            throw new RowProblem("Bad argument: " + what);
        }
        return v;
    }
}
