package org.opendialler.ecnow;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jooq.Field;
import org.opendialler.protocol.Answer;
import org.opendialler.protocol.ApiException;
import org.opendialler.protocol.ApiRequest;

/** {@code ecnow_datasets}: create, read and update. */
final class DatasetMethods {

    /** Keys a client may send back from a read; they are the server's and are ignored. */
    private static final Set<String> READ_ONLY = Set.of("reccount", "callbacks", "loaddate",
            "import_table", "campaign");

    private final Tables tables;
    private final Datasets datasets;
    private final Lookups lookups;
    private final Centres centres;

    DatasetMethods(Tables tables, Datasets datasets, Lookups lookups, Centres centres) {
        this.tables = tables;
        this.datasets = datasets;
        this.lookups = lookups;
        this.centres = centres;
    }

    Answer read(ApiRequest request) {
        long ccid = request.ccid();
        List<Long> qids = request.optional("qid").map(DatasetMethods::qids).orElse(null);
        String state = request.optional("state").map(s -> s.toUpperCase(Locale.ROOT))
                .orElse(null);
        if (state != null && !Datasets.STATUSES.contains(state)) {
            throw ApiException.badArgument("state");
        }
        Long tableId = null;
        Optional<String> tableName = request.optional("table");
        if (tableName.isPresent()) {
            Optional<CampaignTable> t = tables.byName(ccid, tableName.get());
            if (t.isEmpty()) {
                return Answer.Rows.of(List.of());
            }
            tableId = t.get().tableId();
        }
        Datasets.Filter filter = new Datasets.Filter(qids, request.longParam("dataset")
                .orElse(null), state, tableId, request.optional("description").orElse(null));
        ZoneId zone = centres.of(ccid).zone();
        return Answer.Rows.of(datasets.read(ccid, filter, zone));
    }

    private static List<Long> qids(String text) {
        List<Long> out = new ArrayList<>();
        for (String part : text.split(",")) {
            if (!part.trim().matches("\\d{1,18}")) {
                throw ApiException.badArgument("qid");
            }
            out.add(Long.parseLong(part.trim()));
        }
        return out;
    }

    Answer create(ApiRequest request) {
        long ccid = request.ccid();
        return Rows.each(Rows.configRows(request), row -> {
            Map<String, String> keys = Rows.lowerKeys(row);
            String name = keys.get("table");
            if (name == null || name.isBlank()) {
                throw new RowProblem("Missing table");
            }
            CampaignTable t = tables.byName(ccid, name).orElseThrow(
                    () -> new RowProblem("Table [" + name.trim() + "] does not exist."));
            keys.remove("dataset");
            return datasets.create(ccid, t, values(ccid, t.name(), keys));
        });
    }

    Answer update(ApiRequest request) {
        long ccid = request.ccid();
        return Rows.each(Rows.configRows(request), row -> {
            Map<String, String> keys = Rows.lowerKeys(row);
            String given = keys.remove("dataset");
            if (given == null || given.isBlank()) {
                throw new RowProblem("Missing dataset");
            }
            long id = Rows.wholeNumber(given, "dataset");
            Datasets.Dataset d = datasets.byId(ccid, id).orElseThrow(
                    () -> new RowProblem("Dataset [" + id + "] does not exist."));
            if (Datasets.EXPIRED.equals(d.status())) {
                throw new RowProblem("Dataset [" + id + "] is expired.");
            }
            String table = keys.remove("table");
            boolean otherTable = table != null && !table.isBlank()
                    && !table.trim().equalsIgnoreCase(d.tableName());
            if (otherTable) {
                throw new RowProblem("Dataset [" + id + "] is not in table [" + table.trim()
                        + "].");
            }
            datasets.update(d, values(ccid, d.tableName(), keys));
            return id;
        });
    }

    private Map<Field<?>, Object> values(long ccid, String tableName, Map<String, String> keys) {
        Map<Field<?>, Object> values = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : keys.entrySet()) {
            String key = e.getKey();
            String v = e.getValue() == null ? "" : e.getValue();
            if (READ_ONLY.contains(key) || key.equals("table")) {
                continue;
            }
            switch (key) {
                case "qid" -> values.put(Datasets.QID, qid(ccid, v, tableName));
                case "d_status" -> values.put(Datasets.D_STATUS, status(v));
                case "d_priority" -> values.put(Datasets.D_PRIORITY, priority(v));
                default -> {
                    Field<String> column = Datasets.TEXT_KEYS.get(key);
                    if (column == null) {
                        throw new RowProblem("Unknown field [" + key + "]");
                    }
                    values.put(column, text(key, v));
                }
            }
        }
        return values;
    }

    private long qid(long ccid, String v, String tableName) {
        long qid = v.isBlank() ? 0 : Rows.wholeNumber(v, "qid");
        if (qid < 0 || (qid != 0 && !lookups.isOutboundQueueOf(ccid, qid, tableName))) {
            throw new RowProblem("Queue [" + qid + "] is not an outbound queue of table ["
                    + tableName + "].");
        }
        return qid;
    }

    private static String status(String v) {
        String status = v.trim().toUpperCase(Locale.ROOT);
        if (!Datasets.STATUSES.contains(status)) {
            throw new RowProblem("Bad argument: d_status");
        }
        return status;
    }

    private static int priority(String v) {
        if (!v.trim().matches("\\d{1,2}") || Integer.parseInt(v.trim()) > 90) {
            throw new RowProblem("d_priority must be 0 to 90");
        }
        return Integer.parseInt(v.trim());
    }

    private static String text(String key, String v) {
        int max = key.equals("notes") ? 4000 : key.equals("locked") ? 1 : 255;
        if (v.length() > max) {
            throw new RowProblem("Field [" + key + "] is longer than " + max + " characters");
        }
        return v;
    }
}
