package org.opendialler.ecnow;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One field of a campaign table: a standard field (same in every table, stored in a column of
 * {@code records}) or a custom one (stored in {@code record_values} under {@code fieldId}).
 */
public record FieldDef(String name, int position, String type, int size, boolean standard,
        String group, String prompt, String readonly, String hidden, String hiddenOnScript,
        String required, String search, String order, List<String> picklist, long fieldId) {

    /** The {@code records} column of a standard field. */
    public String column() {
        return name.toLowerCase(java.util.Locale.ROOT);
    }

    public boolean isInt() {
        return "int".equals(type);
    }

    public boolean isDatetime() {
        return "datetime".equals(type);
    }

    public boolean isDate() {
        return "date".equals(type);
    }

    public boolean hasPicklist() {
        return "select".equals(type) || "radio".equals(type) || "checkbox".equals(type);
    }

    /** The value an unset field reads back as. */
    public String unset() {
        if (isDatetime()) {
            return Datetimes.ZERO_DATETIME;
        }
        if (isDate()) {
            return Datetimes.ZERO_DATE;
        }
        return isInt() ? "0" : "";
    }

    /** The item {@code campaign_fields} reads answer for this field. */
    Map<String, Object> describe(String table) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("position", String.valueOf(position));
        item.put("table", table);
        item.put("name", name);
        item.put("size", String.valueOf(size));
        item.put("standard_field", standard ? "1" : "0");
        item.put("group_name", group);
        item.put("type", type);
        item.put("prompt", prompt);
        item.put("readonly", readonly);
        item.put("hidden", hidden);
        item.put("hidden_on_script", hiddenOnScript);
        item.put("required", required);
        item.put("search", search);
        item.put("order", order);
        item.put("picklist", String.join(",", picklist));
        return item;
    }
}
