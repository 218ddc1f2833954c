package org.opendialler.database;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.InsertSetMoreStep;
import org.jooq.Record;
import org.jooq.SortField;
import org.jooq.UpdateSetMoreStep;
import org.opendialler.protocol.Answer;
import org.opendialler.protocol.ApiException;
import org.opendialler.protocol.ApiRequest;
import org.opendialler.protocol.RowError;
import org.opendialler.store.Database;

/**
 * Runs create, read, update and delete for a {@link Resource}: each row of a write in its own
 * transaction, so good rows are written whole and each bad row is reported; reads confined to
 * the caller's centre, paged with {@code limit}, {@code start} and {@code sort}. Thread-safe.
 */
final class Crud {

    private final Database db;
    private final int readCap;

    Crud(Database db, int readCap) {
        this.db = db;
        this.readCap = readCap;
    }

    Answer create(Resource res, ApiRequest request) {
        return eachRow(request, (ctx, row) -> {
            Map<String, Object> given = parse(res, row);
            Map<String, Object> values = new LinkedHashMap<>();
            res.keys.forEach(k -> values.put(k.api(), k.defaultValue()));
            given.forEach((k, v) -> {
                if (v != null) {
                    values.put(k, v);
                }
            });
            requireAll(res, values, true);
            res.check(ctx, values, null);
            InsertSetMoreStep<Record> insert = ctx.tx().insertInto(res.table)
                    .set(Resource.CCID, ctx.ccid());
            for (Key key : res.keys) {
                if (values.get(key.api()) != null) {
                    insert = insert.set(key.column(), values.get(key.api()));
                }
            }
            return insert.returningResult(res.idField()).fetchOne(res.idField());
        });
    }

    Answer update(Resource res, ApiRequest request) {
        return eachRow(request, (ctx, row) -> {
            Record existing = res.locate(ctx, row);
            Map<String, Object> given = parse(res, row);
            Map<String, Object> values = new LinkedHashMap<>();
            for (Key key : res.keys) {
                values.put(key.api(), key.writeOnly() ? null : existing.get(key.column()));
            }
            values.putAll(given);
            requireAll(res, values, false);
            res.check(ctx, values, existing);
            UpdateSetMoreStep<Record> update = null;
            for (Key key : res.keys) {
                if (key.writeOnly() && !given.containsKey(key.api())) {
                    continue;
                }
                update = update == null
                        ? ctx.tx().update(res.table).set(key.column(), values.get(key.api()))
                        : update.set(key.column(), values.get(key.api()));
            }
            Long id = existing.get(res.idField());
            if (update != null) {
                update.where(res.identify(ctx, existing)).execute();
            }
            return id;
        });
    }

    Answer delete(Resource res, ApiRequest request) {
        return eachRow(request, (ctx, row) -> {
            Record existing = res.locate(ctx, row);
            res.beforeDelete(ctx, existing);
            res.delete(ctx, existing);
            return existing.get(res.idField());
        });
    }

    Answer read(Resource res, ApiRequest request) {
        return res.read(this, request);
    }

    Answer readTable(Resource res, ApiRequest request) {
        Resource.Ctx ctx = new Resource.Ctx(db.dsl(), request.ccid(), request);
        Condition where = Resource.CCID.eq(request.ccid())
                .and(res.filtersById() ? idList(request, res.id.api(), res.idField())
                        : org.jooq.impl.DSL.noCondition())
                .and(res.readFilter(request));
        int total = db.dsl().fetchCount(res.table, where);
        Page page = page(request, total);
        List<Map<String, Object>> list = db.dsl().selectFrom(res.table).where(where)
                .orderBy(sort(res, request)).limit(page.limit()).offset(page.start())
                .fetch(r -> res.render(ctx, r));
        return new Answer.Rows(total, list, page.truncated());
    }

    /** One work of a write on one row: returns the id written. */
    @FunctionalInterface
    interface RowWork {
        Object apply(Resource.Ctx ctx, ObjectNode row);
    }

    Answer eachRow(ApiRequest request, RowWork work) {
        List<ObjectNode> rows = request.rowsEachChecked();
        List<Object> keys = new ArrayList<>();
        List<RowError> errors = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            ObjectNode row = rows.get(i);
            Optional<String> unstorable = request.rowProblem(i);
            if (unstorable.isPresent()) {
                errors.add(new RowError(i, unstorable.get()));
                continue;
            }
            try {
                keys.add(db.transaction(tx ->
                        work.apply(new Resource.Ctx(tx, request.ccid(), request), row)));
            } catch (RowRefused e) {
                errors.add(new RowError(i, e.getMessage()));
            }
        }
        return new Answer.Write(keys.size(), errors, keys, null);
    }

    /** The posted values of the resource's keys, parsed; keys are matched ignoring case. */
    static Map<String, Object> parse(Resource res, ObjectNode row) {
        Map<String, Object> given = new LinkedHashMap<>();
        for (Key key : res.keys) {
            if (has(row, key.api())) {
                given.put(key.api(), key.parseText(text(row, key.api())));
            }
        }
        return given;
    }

    private static void requireAll(Resource res, Map<String, Object> values,
            boolean creating) {
        for (Key key : res.keys) {
            boolean needed = key.required() && (creating || !key.writeOnly());
            if (needed && values.get(key.api()) == null) {
                throw RowRefused.missing(key.api());
            }
        }
    }

    static boolean has(ObjectNode row, String name) {
        return node(row, name) != null;
    }

    /** A row's value under a name (any case) as text; {@code null} when absent or null. */
    static String text(ObjectNode row, String name) {
        JsonNode node = node(row, name);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isValueNode()) {
            throw RowRefused.badValue(name, "a single value");
        }
        return node.asText();
    }

    private static JsonNode node(ObjectNode row, String name) {
        JsonNode exact = row.get(name);
        if (exact != null) {
            return exact;
        }
        Map<String, JsonNode> lower = new HashMap<>();
        row.fields().forEachRemaining(
                e -> lower.putIfAbsent(e.getKey().toLowerCase(), e.getValue()));
        return lower.get(name.toLowerCase());
    }

    /** A parameter holding one id or a comma list: the condition on {@code field}. */
    static Condition idList(ApiRequest request, String param,
            org.jooq.Field<Long> field) {
        String text = request.optional(param).orElse(null);
        if (text == null) {
            return org.jooq.impl.DSL.noCondition();
        }
        return field.in(longs(text, param));
    }

    static List<Long> longs(String text, String param) {
        List<Long> out = new ArrayList<>();
        for (String part : text.split(",")) {
            String p = part.trim();
            if (!p.matches("-?\\d{1,18}")) {
                throw ApiException.badArgument(param);
            }
            out.add(Long.parseLong(p));
        }
        return out;
    }

    /** Where a page starts, how long it is, and whether the cap cut it. */
    record Page(int start, int limit, boolean truncated) {
    }

    Page page(ApiRequest request, long total) {
        long start = request.longParam("start").orElse(0L);
        Long limit = request.longParam("limit").orElse(null);
        if (start < 0 || start > Integer.MAX_VALUE) {
            throw ApiException.badArgument("start");
        }
        if (limit != null && (limit < 0 || limit > Integer.MAX_VALUE)) {
            throw ApiException.badArgument("limit");
        }
        int size = limit == null ? readCap : (int) Math.min(limit, readCap);
        boolean truncated = limit == null && total - start > readCap;
        return new Page((int) start, size, truncated);
    }

    /** A page of rows already in memory. */
    <T> List<T> slice(List<T> all, Page page) {
        int from = Math.min(page.start(), all.size());
        int to = (int) Math.min((long) from + page.limit(), all.size());
        return all.subList(from, to);
    }

    private static SortField<?> sort(Resource res, ApiRequest request) {
        String text = request.optional("sort").orElse(null);
        if (text == null) {
            return res.idField().asc();
        }
        boolean descending = text.startsWith("-");
        String name = descending ? text.substring(1) : text;
        if (name.equalsIgnoreCase(res.id.api())) {
            return descending ? res.idField().desc() : res.idField().asc();
        }
        for (Key key : res.keys) {
            if (key.api().equalsIgnoreCase(name) && !key.writeOnly()) {
                return descending ? key.column().desc() : key.column().asc();
            }
        }
        throw ApiException.badArgument("sort");
    }

    Database db() {
        return db;
    }
}
