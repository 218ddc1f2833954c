package org.opendialler.live;

import java.util.LinkedHashSet;
import java.util.Set;
import org.opendialler.protocol.ApiException;
import org.opendialler.protocol.ApiRequest;

/**
 * The filters every ajax.php method takes: {@code qid}, {@code agent} and {@code team}, each a
 * comma list of ids; an empty set means no filter.
 */
record LiveFilters(Set<Long> qids, Set<Long> agents, Set<Long> teams) {

    static LiveFilters of(ApiRequest request) {
        return new LiveFilters(ids(request, "qid"), ids(request, "agent"), ids(request, "team"));
    }

    private static Set<Long> ids(ApiRequest request, String name) {
        Set<Long> ids = new LinkedHashSet<>();
        for (String part : request.optional(name).orElse("").split(",")) {
            if (part.isBlank()) {
                continue;
            }
            try {
                ids.add(Long.parseLong(part.trim()));
            } catch (NumberFormatException e) {
                throw ApiException.badArgument(name);
            }
        }
        return ids;
    }

    boolean queueWanted(long qid) {
        return qids.isEmpty() || qids.contains(qid);
    }

    boolean agentWanted(long aid, long tid) {
        return (agents.isEmpty() || agents.contains(aid))
                && (teams.isEmpty() || teams.contains(tid));
    }
}
