package org.opendialler.client;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** {@code reporting.php}: grouped call metrics, call detail records, agent sessions. */
public final class Reports {

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

    /** Agent sessions whose login falls in the range. */
    public Page agents(Collection<String> fields, long from, long to,
            Map<String, String> filters) {
        Map<String, String> params = new LinkedHashMap<>(filters);
        params.put("fields", String.join(",", fields));
        params.put("range", from + ":" + to);
        return client.read("reporting.php", "agents", params);
    }

    private static String join(Collection<CallsField> fields) {
        return fields.stream().map(CallsField::wire).collect(Collectors.joining(","));
    }
}
