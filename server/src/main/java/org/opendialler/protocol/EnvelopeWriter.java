package org.opendialler.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Renders an envelope (an ordered map of keys to strings, numbers, booleans, nulls, maps and
 * lists) as JSON, XML or CSV. In XML the root is {@code <result>}, each item of {@code list} is
 * an element named after the method, booleans are {@code 1}/{@code 0}, and a key that is not a
 * valid XML name becomes {@code <field name="...">}. Thread-safe.
 */
public final class EnvelopeWriter {

    private static final Pattern XML_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*");
    private static final XMLOutputFactory XML_OUTPUT = XMLOutputFactory.newFactory();
    private static final CsvMapper CSV = new CsvMapper();
    private static final byte[] PROLOG = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            .getBytes(StandardCharsets.UTF_8);

    private EnvelopeWriter() {
    }

    public static byte[] write(Format format, String rowName, Map<String, Object> envelope) {
        return switch (format) {
            case JSON -> json(envelope);
            case XML -> xml(rowName, envelope);
            case CSV -> csv(envelope);
        };
    }

    public static byte[] json(Map<String, Object> envelope) {
        try {
            return Json.MAPPER.writeValueAsBytes(envelope);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an envelope could not be rendered as JSON", e);
        }
    }

    static byte[] xml(String rowName, Map<String, Object> envelope) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(PROLOG);
        try {
            XMLStreamWriter xml = XML_OUTPUT.createXMLStreamWriter(out, "UTF-8");
            xml.writeStartElement("result");
            writeMap(xml, rowName, envelope);
            xml.writeEndElement();
            xml.flush();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("an envelope could not be rendered as XML", e);
        }
        out.write('\n');
        return out.toByteArray();
    }

    private static void writeMap(XMLStreamWriter xml, String rowName, Map<?, ?> map)
            throws XMLStreamException {
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String key = String.valueOf(e.getKey());
            String itemName = "list".equals(key) ? rowName : singular(key);
            writeElement(xml, key, itemName, e.getValue());
        }
    }

    private static void writeElement(XMLStreamWriter xml, String name, String itemName,
            Object value) throws XMLStreamException {
        if (XML_NAME.matcher(name).matches() && !name.toLowerCase().startsWith("xml")) {
            xml.writeStartElement(name);
        } else {
            xml.writeStartElement("field");
            xml.writeAttribute("name", clean(name));
        }
        if (value instanceof Map<?, ?> map) {
            writeMap(xml, itemName, map);
        } else if (value instanceof List<?> list) {
            for (Object item : list) {
                writeElement(xml, itemName, singular(itemName), item);
            }
        } else if (value instanceof Boolean b) {
            xml.writeCharacters(b ? "1" : "0");
        } else if (value != null) {
            xml.writeCharacters(clean(String.valueOf(value)));
        }
        xml.writeEndElement();
    }

    private static String singular(String name) {
        return name.length() > 1 && name.endsWith("s") ? name.substring(0, name.length() - 1)
                : "item";
    }

    /** XML 1.0 cannot carry most control characters nor half a surrogate pair: U+FFFD. */
    private static String clean(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean pairStart = Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1));
            boolean pairEnd = Character.isLowSurrogate(c) && i > 0
                    && Character.isHighSurrogate(text.charAt(i - 1));
            boolean bad = (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
                    || c == 0xFFFE || c == 0xFFFF
                    || (Character.isSurrogate(c) && !pairStart && !pairEnd);
            if (bad && out == null) {
                out = new StringBuilder(text.substring(0, i));
            }
            if (out != null) {
                out.append(bad ? '\uFFFD' : c);
            }
        }
        return out == null ? text : out.toString();
    }

    /**
     * CSV carries rows only: a read's {@code list}, or the scalar keys of any other answer as
     * one row.
     */
    static byte[] csv(Map<String, Object> envelope) {
        List<Map<String, Object>> rows = new ArrayList<>();
        if (envelope.get("list") instanceof List<?> list) {
            for (Object item : list) {
                rows.add(asRow(item));
            }
        } else {
            Map<String, Object> row = new LinkedHashMap<>();
            envelope.forEach((k, v) -> {
                if (!(v instanceof Map) && !(v instanceof List)) {
                    row.put(k, v);
                }
            });
            rows.add(row);
        }
        Set<String> columns = new LinkedHashSet<>();
        rows.forEach(r -> columns.addAll(r.keySet()));
        List<List<String>> lines = new ArrayList<>();
        lines.add(new ArrayList<>(columns));
        for (Map<String, Object> row : rows) {
            List<String> line = new ArrayList<>();
            for (String column : columns) {
                Object v = row.get(column);
                line.add(v == null ? "" : v instanceof Boolean b ? (b ? "1" : "0")
                        : String.valueOf(v));
            }
            lines.add(line);
        }
        CsvSchema schema = CsvSchema.emptySchema().withoutHeader().withLineSeparator("\r\n");
        StringBuilder out = new StringBuilder();
        try {
            for (List<String> line : lines) {
                if (!line.isEmpty()) {
                    out.append(CSV.writer(schema).writeValueAsString(line));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static Map<String, Object> asRow(Object item) {
        Map<String, Object> row = new LinkedHashMap<>();
        if (item instanceof Map<?, ?> map) {
            map.forEach((k, v) -> row.put(String.valueOf(k), v));
        } else {
            row.put("value", item);
        }
        return row;
    }
}
