package org.opendialler.ecnow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.opendialler.phone.PhoneNumbers;

/**
 * Reads one posted record row against the fields of its table: names in any case and the
 * aliases, unknown names refused, server-owned fields ignored, every value checked against its
 * field's type, size and picklist. Not thread-safe; one per request.
 */
final class RowReader {

    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    private final Map<String, FieldDef> custom = new LinkedHashMap<>();
    private final ZoneId zone;
    private final String country;

    RowReader(List<FieldDef> fields, ZoneId zone, String country) {
        fields.stream().filter(f -> !f.standard())
                .forEach(f -> custom.put(f.name().toLowerCase(Locale.ROOT), f));
        this.zone = zone;
        this.country = country;
    }

    /** The dataset key of a row ({@code dataset} or {@code datasetid}, any case), or null. */
    static String datasetOf(ObjectNode row) {
        String dataset = null;
        String datasetid = null;
        for (Iterator<Map.Entry<String, JsonNode>> it = row.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String lower = e.getKey().toLowerCase(Locale.ROOT);
            if (lower.equals("dataset")) {
                dataset = text(e.getValue(), e.getKey());
            } else if (lower.equals("datasetid")) {
                datasetid = text(e.getValue(), e.getKey());
            }
        }
        return dataset != null && !dataset.isBlank() ? dataset.trim()
                : datasetid == null ? null : datasetid.trim();
    }

    RecordData read(ObjectNode row) {
        RecordData data = new RecordData();
        for (Iterator<Map.Entry<String, JsonNode>> it = row.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            put(data, e.getKey(), text(e.getValue(), e.getKey()));
        }
        return data;
    }

    private void put(RecordData data, String key, String value) {
        String lower = key.toLowerCase(Locale.ROOT);
        if (lower.equals("dataset")) {
            data.dataset = value;
            return;
        }
        if (lower.equals("datasetid")) {
            data.moveTo = value;
            return;
        }
        String target = StandardFields.ALIASES.getOrDefault(lower, lower);
        if (target.equals("notes_append")) {
            data.notesAppend = value;
            return;
        }
        if (target.equals("id")) {
            data.id = value;
            return;
        }
        if (target.equals("processtype")) {
            data.worked = value != null && value.trim().equalsIgnoreCase(ProcessTypes.WORKED);
            return;
        }
        if (StandardFields.SERVER_OWNED.contains(target)) {
            return;
        }
        Optional<FieldDef> standard = StandardFields.named(target);
        if (standard.isPresent()) {
            data.standard.put(standard.get(), standardValue(standard.get(), value));
            if (StandardFields.PHONES.contains(standard.get().name())) {
                data.e164.put(standard.get().name(),
                        PhoneNumbers.e164(value, country).orElse(null));
            }
            return;
        }
        FieldDef field = custom.get(target);
        if (field == null) {
            throw new RowProblem("Unknown field [" + key + "]");
        }
        data.custom.put(field, customValue(field, value));
    }

    private Object standardValue(FieldDef f, String value) {
        if (f.isInt()) {
            return wholeNumber(f, value);
        }
        if (f.isDatetime()) {
            return Datetimes.isUnset(value) ? null
                    : Datetimes.epoch(datetime(f, value), zone);
        }
        String text = value == null ? "" : value;
        if (StandardFields.PHONES.contains(f.name())) {
            text = text.strip();
        }
        checkSize(f, text);
        return text;
    }

    private String customValue(FieldDef f, String value) {
        if (f.isInt()) {
            return String.valueOf(wholeNumber(f, value));
        }
        if (f.isDatetime()) {
            return Datetimes.isUnset(value) ? "" : Datetimes.format(datetime(f, value));
        }
        if (f.isDate()) {
            return Datetimes.isUnset(value) ? "" : date(f, value);
        }
        String text = value == null ? "" : value;
        checkSize(f, text);
        if (ZoneField.is(f) && !text.isBlank()) {
            return ZoneField.canonical(text).orElseThrow(() -> new RowProblem("Field ["
                    + f.name() + "] must be a time zone such as Europe/London"));
        }
        if (f.hasPicklist() && !text.isEmpty()) {
            List<String> chosen = "checkbox".equals(f.type())
                    ? List.of(text.split(",")) : List.of(text);
            for (String c : chosen) {
                if (!f.picklist().contains(c.trim())) {
                    throw new RowProblem("Field [" + f.name() + "] does not allow [" + c + "]");
                }
            }
        }
        return text;
    }

    private static long wholeNumber(FieldDef f, String value) {
        if (value == null || value.isBlank()) {
            return 0;
        }
        if (!Rows.WHOLE_NUMBER.matcher(value.trim()).matches()) {
            throw new RowProblem("Field [" + f.name() + "] must be a whole number");
        }
        return Long.parseLong(value.trim());
    }

    private static LocalDateTime datetime(FieldDef f, String value) {
        return Datetimes.parseLocal(value, false).orElseThrow(() -> new RowProblem(
                "Field [" + f.name() + "] must be a datetime YYYY-MM-DD HH:MM:SS"));
    }

    private static String date(FieldDef f, String value) {
        if (!DATE.matcher(value.trim()).matches()
                || Datetimes.parseLocal(value, false).isEmpty()) {
            throw new RowProblem("Field [" + f.name() + "] must be a date YYYY-MM-DD");
        }
        return value.trim();
    }

    private static void checkSize(FieldDef f, String text) {
        if (text.codePointCount(0, text.length()) > f.size()) {
            throw new RowProblem("Field [" + f.name() + "] is longer than " + f.size()
                    + " characters");
        }
    }

    private static String text(JsonNode node, String key) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isBoolean()) {
            return node.booleanValue() ? "1" : "0";
        }
        if (!node.isValueNode()) {
            throw new RowProblem("Field [" + key + "] must be a single value");
        }
        return node.asText();
    }
}
