package org.opendialler.reporting;

import org.jooq.Condition;
import org.opendialler.protocol.ApiRequest;

/**
 * The {@code cdr} report's filters for other scripts that list calls (recording.php): the
 * caller's centre, the required {@code range} and every exact filter, as one condition on the
 * {@code cdr} table.
 */
public final class CdrFilters {

    private CdrFilters() {
    }

    /**
     * The condition, always starting with {@code ccid = caller}.
     *
     * @throws org.opendialler.protocol.ApiException on a missing range or a malformed filter
     */
    public static Condition where(ApiRequest request) {
        return Params.cdrWhere(request, true).and(CdrFields.isset(request));
    }
}
