package org.opendialler.protocol;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a script answers, before it is wrapped in an envelope. The envelope adds {@code success}
 * and {@code account_id}; the {@link EnvelopeWriter} renders it in the request's format.
 */
public sealed interface Answer {

    /** The keys this answer puts in the envelope after {@code success} and {@code account_id}. */
    Map<String, Object> body();

    /** A read: {@code total} matches, {@code list} the page of them. */
    record Rows(long total, List<Map<String, Object>> list, boolean truncated) implements Answer {

        public static Rows of(List<Map<String, Object>> list) {
            return new Rows(list.size(), list, false);
        }

        @Override
        public Map<String, Object> body() {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("total", total);
            body.put("list", list);
            if (truncated) {
                body.put("truncated", true);
            }
            return body;
        }
    }

    /**
     * A write: rows written, rows refused and why, ids created. When every row was refused the
     * envelope still says {@code success: true}, with {@code error} naming the first problem.
     */
    record Write(int total, List<RowError> errors, List<Object> keys, String info)
            implements Answer {

        public int bad() {
            return errors.size();
        }

        @Override
        public Map<String, Object> body() {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("total", total);
            body.put("bad", bad());
            body.put("key", keys.isEmpty() ? null : keys.get(0));
            if (info != null) {
                body.put("info", info);
            }
            if (total == 0 && !errors.isEmpty()) {
                body.put("error", errors.get(0).error());
            }
            body.put("keys", keys);
            List<Map<String, Object>> rendered = new ArrayList<>();
            for (RowError e : errors) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("index", e.index());
                row.put("error", e.error());
                rendered.add(row);
            }
            body.put("errors", rendered);
            return body;
        }
    }

    /** Any other answer: the given keys, in order. */
    record Fields(Map<String, Object> body) implements Answer {

        public static Fields of(Object... keysAndValues) {
            Map<String, Object> body = new LinkedHashMap<>();
            for (int i = 0; i < keysAndValues.length; i += 2) {
                body.put((String) keysAndValues[i], keysAndValues[i + 1]);
            }
            return new Fields(body);
        }
    }

    /**
     * A file rather than an envelope (a recording). The router streams it and honours ranges.
     */
    record File(java.nio.file.Path path, String contentType, String downloadName)
            implements Answer {
        @Override
        public Map<String, Object> body() {
            return Map.of();
        }
    }

    /**
     * A stream of Server-Sent Events rather than an envelope (agent.php's events). The router
     * keeps the connection open, writes each event of {@code source} as it comes and a comment
     * when none came for {@code heartbeat}, and closes the source when either side ends.
     */
    record Events(EventSource source, java.time.Duration heartbeat) implements Answer {
        @Override
        public Map<String, Object> body() {
            return Map.of();
        }
    }
}
