package org.opendialler.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The one JSON mapper of the protocol, and parsing that fails with the protocol's errors. */
public final class Json {

    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    static {
        MAPPER.getFactory().setStreamReadConstraints(
                StreamReadConstraints.builder().maxNestingDepth(64).build());
    }

    private Json() {
    }

    /** Parses a whole body; malformed text is {@code Invalid JSON: } and where it broke. */
    public static JsonNode parse(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new ApiException("Invalid JSON: " + where(e));
        }
    }

    /** Parses a parameter that must hold a JSON object; anything else is a bad argument. */
    static ObjectNode parseObject(String text, String name) {
        try {
            JsonNode node = MAPPER.readTree(text);
            if (node instanceof ObjectNode object) {
                return object;
            }
        } catch (JsonProcessingException e) {
            // falls through: the value is not the object this parameter needs
        }
        throw ApiException.badArgument(name);
    }

    private static String where(JsonProcessingException e) {
        String message = e.getOriginalMessage();
        // Some of Jackson's messages describe where an object began in its own terms, source
        // description included; the line and column below say where the text broke.
        int own = message == null ? -1 : message.indexOf(" (start marker at ");
        if (own >= 0) {
            message = message.substring(0, own);
        }
        if (message != null && message.length() > 120) {
            message = message.substring(0, 120) + "...";
        }
        if (e.getLocation() == null) {
            return message;
        }
        return message + " at line " + e.getLocation().getLineNr()
                + ", column " + e.getLocation().getColumnNr();
    }
}
