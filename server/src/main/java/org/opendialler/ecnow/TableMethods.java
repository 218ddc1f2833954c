package org.opendialler.ecnow;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.opendialler.protocol.Answer;
import org.opendialler.protocol.ApiRequest;
import org.opendialler.store.Database;

/** {@code campaign_tables} and {@code campaign_fields}: their reads and writes. */
final class TableMethods {

    private static final List<String> FIELD_KEYS = List.of("table", "name", "type", "size",
            "group_name", "prompt", "readonly", "hidden", "hidden_on_script", "required",
            "search", "order", "picklist", "position", "standard_field");

    private final Database db;
    private final Tables tables;

    TableMethods(Database db, Tables tables) {
        this.db = db;
        this.tables = tables;
    }

    Answer readTables(ApiRequest request) {
        String name = request.optional("name").orElse(null);
        List<Map<String, Object>> list = new ArrayList<>();
        tables.list(request.ccid(), name).forEach(t -> list.add(Map.of("name", t.name())));
        return Answer.Rows.of(list);
    }

    Answer createTables(ApiRequest request) {
        return Rows.each(Rows.configRows(request), row -> {
            Map<String, String> keys = Rows.lowerKeys(row);
            return tables.create(request.ccid(), keys.get("name")).name();
        });
    }

    Answer deleteTables(ApiRequest request) {
        return Rows.each(Rows.configRows(request), row -> {
            Map<String, String> keys = Rows.lowerKeys(row);
            String name = keys.getOrDefault("name", keys.get("table"));
            CampaignTable t = table(request.ccid(), name);
            int open = db.dsl().fetchCount(Datasets.DATASETS, Datasets.CCID.eq(request.ccid())
                    .and(Datasets.TABLE_ID.eq(t.tableId()))
                    .and(Datasets.D_STATUS.ne(Datasets.EXPIRED)));
            if (open > 0) {
                throw new RowProblem("Table [" + t.name() + "] has datasets that are not "
                        + "expired.");
            }
            db.transaction(tx -> {
                tables.delete(tx, t);
                return null;
            });
            return t.name();
        });
    }

    private CampaignTable table(long ccid, String name) {
        if (name == null || name.isBlank()) {
            throw new RowProblem("Missing table");
        }
        return tables.byName(ccid, name)
                .orElseThrow(() -> new RowProblem("Table [" + name.trim() + "] does not exist."));
    }

    Answer readFields(ApiRequest request) {
        Optional<String> tableName = request.optional("table");
        Optional<String> fieldName = request.optional("name");
        List<Map<String, Object>> list = new ArrayList<>();
        for (CampaignTable t : tables.list(request.ccid(), tableName.orElse(null))) {
            for (FieldDef f : tables.fields(request.ccid(), t.tableId())) {
                if (fieldName.isEmpty() || f.name().equalsIgnoreCase(fieldName.get())) {
                    list.add(f.describe(t.name()));
                }
            }
        }
        return Answer.Rows.of(list);
    }

    Answer createFields(ApiRequest request) {
        return Rows.each(Rows.configRows(request), row -> {
            Map<String, String> keys = checkedKeys(row);
            CampaignTable t = table(request.ccid(), keys.get("table"));
            String name = keys.get("name") == null ? "" : keys.get("name").trim();
            if (!name.matches(Tables.NAME_RULE) || StandardFields.reserved(name)) {
                throw new RowProblem("Bad argument: name");
            }
            if (existing(t, name).isPresent()) {
                throw new RowProblem("Field [" + name + "] already exists.");
            }
            String type = type(keys.get("type"));
            FieldDef base = new FieldDef(name, 0, type, defaultSize(type), false, "custom",
                    name, "N", "N", "N", "N", "no", "", List.of(), 0);
            tables.addField(t, apply(base, keys));
            return name;
        });
    }

    Answer updateFields(ApiRequest request) {
        return Rows.each(Rows.configRows(request), row -> {
            Map<String, String> keys = checkedKeys(row);
            CampaignTable t = table(request.ccid(), keys.get("table"));
            String name = keys.get("name") == null ? "" : keys.get("name").trim();
            if (StandardFields.named(name).isPresent()) {
                throw new RowProblem("Field [" + name + "] is a standard field.");
            }
            FieldDef old = existing(t, name)
                    .orElseThrow(() -> new RowProblem("Field [" + name + "] does not exist."));
            if (keys.get("type") != null && !type(keys.get("type")).equals(old.type())) {
                throw new RowProblem("Field [" + name + "] cannot change its type.");
            }
            FieldDef updated = apply(old, keys);
            if (updated.size() < old.size()) {
                throw new RowProblem("Field [" + name + "] cannot shrink below " + old.size()
                        + " characters.");
            }
            tables.updateField(t, updated);
            return old.name();
        });
    }

    private Optional<FieldDef> existing(CampaignTable t, String name) {
        return tables.fields(t.ccid(), t.tableId()).stream()
                .filter(f -> !f.standard() && f.name().equalsIgnoreCase(name)).findFirst();
    }

    private static Map<String, String> checkedKeys(ObjectNode row) {
        Map<String, String> keys = Rows.lowerKeys(row);
        for (String k : keys.keySet()) {
            if (!FIELD_KEYS.contains(k)) {
                throw new RowProblem("Unknown field [" + k + "]");
            }
        }
        return keys;
    }

    private static String type(String given) {
        String type = given == null ? "" : given.trim().toLowerCase(Locale.ROOT);
        if (!Tables.TYPES.contains(type)) {
            throw new RowProblem("Bad argument: type");
        }
        return type;
    }

    private static int defaultSize(String type) {
        return switch (type) {
            case "int" -> 11;
            case "largetext" -> 65535;
            case "datetime" -> 19;
            case "date" -> 10;
            default -> 255;
        };
    }

    private static FieldDef apply(FieldDef f, Map<String, String> k) {
        int size = f.size();
        if (k.get("size") != null && !k.get("size").isBlank()) {
            long given = Rows.wholeNumber(k.get("size"), "size");
            if (given < 1 || given > 65535) {
                throw new RowProblem("Bad argument: size");
            }
            size = (int) given;
        }
        return new FieldDef(f.name(), f.position(), f.type(), size, false,
                text(k, "group_name", f.group()), text(k, "prompt", f.prompt()),
                flag(k, "readonly", f.readonly()), flag(k, "hidden", f.hidden()),
                flag(k, "hidden_on_script", f.hiddenOnScript()),
                flag(k, "required", f.required()), search(k, f.search()),
                text(k, "order", f.order()), picklist(k, f.picklist()), f.fieldId());
    }

    private static String text(Map<String, String> k, String key, String old) {
        String v = k.get(key);
        if (v != null && v.length() > 255) {
            throw new RowProblem("Bad argument: " + key);
        }
        return v == null ? old : v;
    }

    private static String flag(Map<String, String> k, String key, String old) {
        return k.get(key) == null ? old : Rows.yesNo(k.get(key), key);
    }

    private static String search(Map<String, String> k, String old) {
        String v = k.get("search");
        if (v == null) {
            return old;
        }
        String lower = v.trim().toLowerCase(Locale.ROOT);
        if (!lower.equals("yes") && !lower.equals("no")) {
            throw new RowProblem("Bad argument: search");
        }
        return lower;
    }

    private static List<String> picklist(Map<String, String> k, List<String> old) {
        String v = k.get("picklist");
        if (v == null) {
            return old;
        }
        List<String> values = new ArrayList<>();
        Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .forEach(values::add);
        if (String.join(",", values).length() > 4000) {
            throw new RowProblem("Bad argument: picklist");
        }
        return List.copyOf(values);
    }
}
