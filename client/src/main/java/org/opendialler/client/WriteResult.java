package org.opendialler.client;

import java.util.List;

/**
 * What a create, update or delete answered: rows written, rows refused and why, the ids created
 * in input order (empty against a server that does not send {@code keys}), and {@code info}.
 */
public record WriteResult(int total, int bad, Long key, List<Long> keys,
        List<RowError> errors, String info) {
}
