package org.opendialler.reporting;

import static org.opendialler.reporting.CdrTable.*;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.opendialler.protocol.ApiException;
import org.opendialler.protocol.ApiRequest;

/**
 * The parameters every report shares: {@code fields}, {@code range}, the exact filters and
 * paging, read from a request into jOOQ conditions that always start with the caller's ccid.
 */
final class Params {

    /** An inclusive range of Unix seconds. */
    record Range(long start, long stop) {
    }

    /** Filters on text columns: the parameter and the column it matches. */
    private static final Map<String, Field<String>> TEXT_FILTERS = new LinkedHashMap<>();
    /** Filters on id columns. */
    private static final Map<String, Field<Long>> ID_FILTERS = new LinkedHashMap<>();

    static {
        TEXT_FILTERS.put("qtype", QTYPE);
        TEXT_FILTERS.put("ctype", CTYPE);
        TEXT_FILTERS.put("ddi", DDI);
        TEXT_FILTERS.put("cli", CLI);
        ID_FILTERS.put("queue", QID);
        ID_FILTERS.put("agent", AID);
        ID_FILTERS.put("dataset", DSID);
        ID_FILTERS.put("outcome", OCID);
        ID_FILTERS.put("urn", URN);
        ID_FILTERS.put("team", TID);
    }

    static final int DEFAULT_CAP = 10_000;

    private Params() {
    }

    /** A required comma list, trimmed, without empty items. */
    static List<String> list(ApiRequest request, String name) {
        List<String> items = optionalList(request, name);
        if (items.isEmpty()) {
            throw ApiException.badArgument(name);
        }
        return items;
    }

    static List<String> optionalList(ApiRequest request, String name) {
        List<String> items = new ArrayList<>();
        for (String part : request.optional(name).orElse("").split(",")) {
            if (!part.isBlank() && !items.contains(part.trim())) {
                items.add(part.trim());
            }
        }
        return items;
    }

    /** {@code range=START:STOP}, also with the prefix repeated in the value. */
    static Range range(ApiRequest request) {
        String text = request.optional("range")
                .orElseThrow(() -> ApiException.badArgument("range"));
        if (text.startsWith("range=")) {
            text = text.substring("range=".length());
        }
        String[] parts = text.split(":", -1);
        try {
            if (parts.length == 2) {
                long start = Long.parseLong(parts[0].trim());
                long stop = Long.parseLong(parts[1].trim());
                if (start >= 0 && stop >= start) {
                    return new Range(start, stop);
                }
            }
        } catch (NumberFormatException e) {
            // falls through to the error below
        }
        throw ApiException.badArgument("range");
    }

    /** The caller's centre, the range on tm_init and every filter sent, for the cdr table. */
    static Condition cdrWhere(ApiRequest request, boolean withCallid) {
        Range range = range(request);
        return CCID.eq(request.ccid())
                .and(T_INIT_MS.between(range.start() * 1000, range.stop() * 1000 + 999))
                .and(filters(request, withCallid));
    }

    /** Every filter sent, on the columns of the cdr table (the caller's ccid not included). */
    static Condition filters(ApiRequest request, boolean withCallid) {
        Condition where = DSL.noCondition();
        if (campaignFilter(request)) {
            where = where.and(QTABLE.in(optionalList(request, "campaign")));
        }
        for (Map.Entry<String, Field<String>> f : TEXT_FILTERS.entrySet()) {
            List<String> values = optionalList(request, f.getKey());
            if (!values.isEmpty()) {
                where = where.and(f.getValue().in(values));
            }
        }
        for (Map.Entry<String, Field<Long>> f : ID_FILTERS.entrySet()) {
            where = where.and(ids(request, f.getKey(), f.getValue()));
        }
        if (withCallid) {
            where = where.and(ids(request, "callid", CALLID));
        }
        return where;
    }

    /** The names of the filters a request sends, {@code campaign} only as a table name. */
    static List<String> filtersGiven(ApiRequest request) {
        List<String> given = new ArrayList<>();
        if (campaignFilter(request)) {
            given.add("campaign");
        }
        for (String name : TEXT_FILTERS.keySet()) {
            if (!optionalList(request, name).isEmpty()) {
                given.add(name);
            }
        }
        for (String name : ID_FILTERS.keySet()) {
            if (!optionalList(request, name).isEmpty()) {
                given.add(name);
            }
        }
        return given;
    }

    // A numeric campaign is the PHP wrapper's ccid; the query is confined to ccid anyway.
    private static boolean campaignFilter(ApiRequest request) {
        Optional<String> campaign = request.optional("campaign");
        return campaign.isPresent() && !campaign.get().matches("\\d+");
    }

    /** {@code column IN (ids)} for a comma list of whole numbers, or no condition. */
    static Condition ids(ApiRequest request, String name, Field<Long> column) {
        List<String> values = optionalList(request, name);
        if (values.isEmpty()) {
            return DSL.noCondition();
        }
        List<Long> ids = new ArrayList<>();
        for (String v : values) {
            try {
                ids.add(Long.parseLong(v));
            } catch (NumberFormatException e) {
                throw ApiException.badArgument(name);
            }
        }
        return column.in(ids);
    }

    /** A non-negative whole number parameter, or the default. */
    static long natural(ApiRequest request, String name, long otherwise) {
        long value = request.longParam(name).orElse(otherwise);
        if (value < 0) {
            throw ApiException.badArgument(name);
        }
        return value;
    }

    static ApiException unknownField(String field) {
        return new ApiException("Unknown field [" + field + "]");
    }
}
