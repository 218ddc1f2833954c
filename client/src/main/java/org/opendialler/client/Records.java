package org.opendialler.client;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Records of campaign tables: {@code ecnow.php?method=ecnow_records}. */
public final class Records {

    private static final String SCRIPT = "ecnow.php";
    private static final String METHOD = "ecnow_records";
    private static final int PAGE = 1_000;

    private final ContactNowClient client;

    Records(ContactNowClient client) {
        this.client = client;
    }

    /**
     * Creates records in batches of at most {@code batchSize}; each row names its
     * {@code dataset}. Answers one result per batch, in order: a batch whose rows were all
     * refused is reported in its result rather than thrown, so the others still load.
     */
    public List<WriteResult> create(List<? extends Map<String, ?>> rows, int batchSize) {
        List<WriteResult> results = new ArrayList<>();
        for (int from = 0; from < rows.size(); from += batchSize) {
            List<? extends Map<String, ?>> batch =
                    rows.subList(from, Math.min(rows.size(), from + batchSize));
            try {
                results.add(client.write(SCRIPT, METHOD, "create", batch, Map.of()));
            } catch (ContactNowException e) {
                if (e.rowErrors().isEmpty()) {
                    throw e;
                }
                results.add(new WriteResult(0, e.rowErrors().size(), null, List.of(),
                        e.rowErrors(), null));
            }
        }
        return results;
    }

    public WriteResult create(List<? extends Map<String, ?>> rows) {
        return client.write(SCRIPT, METHOD, "create", rows, Map.of());
    }

    public Page read(RecordQuery query) {
        return client.read(SCRIPT, METHOD, query.params());
    }

    /** Every record the query matches, fetched a page at a time as the iterator advances. */
    public Iterator<Map<String, String>> iterate(RecordQuery query) {
        return new Pages(start -> read(copy(query).limit(PAGE).start(start)));
    }

    private static RecordQuery copy(RecordQuery query) {
        RecordQuery copy = new RecordQuery();
        query.params().forEach(copy::set);
        if (!query.params().containsKey("sort")) {
            copy.sort("id");
        }
        return copy;
    }

    /** Updates records; each row names its {@code id} and {@code dataset}. */
    public WriteResult update(List<? extends Map<String, ?>> rows) {
        return client.write(SCRIPT, METHOD, "update", rows, Map.of());
    }

    /** Deletes records; each row names its {@code id} and {@code dataset}. */
    public WriteResult delete(List<? extends Map<String, ?>> rows) {
        return client.write(SCRIPT, METHOD, "delete", rows, Map.of());
    }
}
