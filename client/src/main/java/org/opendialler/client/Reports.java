package org.opendialler.client;

import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** {@code reporting.php}: grouped call metrics, call detail records, agent sessions. */
public final class Reports {

    private static final int PAGE = 1_000;

    private final ContactNowClient client;

    Reports(ContactNowClient client) {
        this.client = client;
    }

    /**
     * A {@code calls} report: {@code fields} over the calls started between {@code from} and
     * {@code to} (Unix seconds, inclusive), one row per group of {@code groupBy}.
     *
     * @param filters more parameters, such as {@code queue}, {@code agent} or {@code cutoff}
     */
    public Page calls(Collection<CallsField> fields, Collection<CallsField> groupBy,
            long from, long to, Map<String, String> filters) {
        for (CallsField g : groupBy) {
            if (!g.groupable()) {
                throw new IllegalArgumentException(g + " is a metric and cannot be grouped by");
            }
        }
        Map<String, String> params = new LinkedHashMap<>(filters);
        params.put("fields", join(fields));
        params.put("groupby", join(groupBy));
        params.put("range", from + ":" + to);
        return client.read("reporting.php", "calls", params);
    }

    /** Call detail records with {@code fields}; filters may add {@code sort} and paging. */
    public Page cdr(Collection<String> fields, long from, long to, Map<String, String> filters) {
        Map<String, String> params = new LinkedHashMap<>(filters);
        params.put("fields", String.join(",", fields));
        params.put("range", from + ":" + to);
        return client.read("reporting.php", "cdr", params);
    }

    /** Every call detail record of the range, by call id, fetched a page at a time. */
    public Iterator<Map<String, String>> cdrAll(Collection<String> fields, long from, long to,
            Map<String, String> filters) {
        return new Pages(start -> {
            Map<String, String> paged = new LinkedHashMap<>(filters);
            paged.put("sort", "callid");
            paged.put("limit", String.valueOf(PAGE));
            paged.put("start", String.valueOf(start));
            return cdr(fields, from, to, paged);
        });
    }

    /** Agent sessions whose login falls in the range. */
    public Page agents(Collection<String> fields, long from, long to,
            Map<String, String> filters) {
        Map<String, String> params = new LinkedHashMap<>(filters);
        params.put("fields", String.join(",", fields));
        params.put("range", from + ":" + to);
        return client.read("reporting.php", "agents", params);
    }

    /**
     * The catalogue of a report's fields ({@code action=fields}): one row per field with
     * {@code field}, {@code name}, {@code grouping} and {@code numeric} ({@code 1}/{@code 0})
     * and {@code description}.
     *
     * @param method {@code calls}, {@code cdr} or {@code agents}
     */
    public Page fields(String method) {
        return client.page("reporting.php", method, "fields", Map.of());
    }

    private static String join(Collection<CallsField> fields) {
        return fields.stream().map(CallsField::wire).collect(Collectors.joining(","));
    }
}
