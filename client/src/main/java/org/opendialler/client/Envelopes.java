package org.opendialler.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.xml.XmlMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads an answer body, JSON or XML, into one JSON tree, and reads the envelope's keys the way
 * the hosted service may spell them: {@code success} as {@code true}, {@code 1} or
 * {@code "1"}; numbers as strings; a one-row XML list as a lone element.
 */
final class Envelopes {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final XmlMapper XML = new XmlMapper();

    private Envelopes() {
    }

    static JsonNode parse(String body) {
        String text = body == null ? "" : body.strip();
        try {
            if (text.startsWith("<")) {
                return XML.readTree(text);
            }
            return JSON.readTree(text);
        } catch (IOException e) {
            String start = text.length() > 200 ? text.substring(0, 200) + "..." : text;
            throw new ContactNowException("The answer is neither JSON nor XML: " + start, e);
        }
    }

    static boolean success(JsonNode envelope) {
        JsonNode s = envelope.path("success");
        if (s.isBoolean()) {
            return s.booleanValue();
        }
        String text = s.asText("").trim();
        return text.equals("1") || text.equalsIgnoreCase("true");
    }

    static String error(JsonNode envelope) {
        JsonNode e = envelope.get("error");
        return e == null || e.isNull() ? null : e.asText();
    }

    static long number(JsonNode envelope, String key, long absent) {
        JsonNode n = envelope.get(key);
        if (n == null || n.isNull() || n.asText().isBlank()) {
            return absent;
        }
        return n.isNumber() ? n.asLong() : Long.parseLong(n.asText().trim());
    }

    /** The rows of {@code list}, whichever shape JSON or XML gave them. */
    static List<Map<String, String>> rows(JsonNode envelope) {
        JsonNode list = envelope.get("list");
        List<Map<String, String>> rows = new ArrayList<>();
        if (list == null || list.isNull() || list.isValueNode()) {
            return rows;
        }
        if (!list.isArray() && list.size() == 1 && !list.elements().next().isValueNode()) {
            // XML: <list><method>..</method><method>..</method></list>
            list = list.elements().next();
        }
        ArrayNode items = list.isArray() ? (ArrayNode) list
                : JsonNodeFactory.instance.arrayNode().add(list);
        for (JsonNode item : items) {
            rows.add(textMap(item));
        }
        return rows;
    }

    static Map<String, String> textMap(JsonNode item) {
        Map<String, String> row = new LinkedHashMap<>();
        item.fields().forEachRemaining(e -> row.put(e.getKey(), text(e.getValue())));
        return row;
    }

    private static String text(JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isValueNode()) {
            return value.asText();
        }
        if (value instanceof ObjectNode object && object.isEmpty()) {
            return "";
        }
        return value.toString();
    }

    static WriteResult write(JsonNode envelope) {
        List<Long> keys = new ArrayList<>();
        JsonNode k = envelope.get("keys");
        if (k != null && k.isObject() && k.has("key")) {
            k = k.get("key");
        }
        if (k != null && !k.isNull()) {
            (k.isArray() ? k : JsonNodeFactory.instance.arrayNode().add(k))
                    .forEach(n -> whole(n).ifPresent(keys::add));
        }
        // A key that is not a number (a campaign table's name) is not an id.
        long key = envelope.has("key") ? whole(envelope.get("key")).orElse(-1L) : -1;
        if (keys.isEmpty() && key > 0) {
            keys.add(key);
        }
        return new WriteResult((int) number(envelope, "total", 0),
                (int) number(envelope, "bad", 0), key > 0 ? key : null, keys,
                rowErrors(envelope), envelope.hasNonNull("info")
                        ? envelope.get("info").asText() : null);
    }

    private static java.util.Optional<Long> whole(JsonNode n) {
        String text = n == null || n.isNull() ? "" : n.asText().trim();
        return text.matches("-?\\d{1,18}") ? java.util.Optional.of(Long.parseLong(text))
                : java.util.Optional.empty();
    }

    private static List<RowError> rowErrors(JsonNode envelope) {
        List<RowError> errors = new ArrayList<>();
        JsonNode e = envelope.get("errors");
        if (e == null || e.isNull()) {
            return errors;
        }
        if (e.isObject() && e.has("error")) {
            e = e.get("error");
        }
        ArrayNode items = e.isArray() ? (ArrayNode) e
                : JsonNodeFactory.instance.arrayNode().add(e);
        for (JsonNode item : items) {
            if (item.isObject()) {
                errors.add(new RowError(item.path("index").asInt(),
                        item.path("error").asText()));
            }
        }
        return errors;
    }
}
