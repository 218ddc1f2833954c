package org.opendialler.protocol;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A script's table of methods and the actions each allows, with the protocol's errors for the
 * rest. Built once when a script is made; read-only and thread-safe afterwards.
 */
public final class Methods {

    /** The work of one method and action. */
    @FunctionalInterface
    public interface Action {
        Answer run(ApiRequest request);
    }

    private final Map<String, Map<String, Action>> table = new LinkedHashMap<>();
    private final Map<String, String> defaultActions = new LinkedHashMap<>();

    public Methods on(String method, String action, Action work) {
        table.computeIfAbsent(method, m -> new LinkedHashMap<>()).put(action, work);
        return this;
    }

    /** The action a method takes when the request names none (reporting's {@code read}). */
    public Methods defaultAction(String method, String action) {
        defaultActions.put(method, action);
        return this;
    }

    /** Serves {@code method} of {@code other} here too, under the name {@code as}. */
    public Methods alias(Methods other, String method, String as) {
        Map<String, Action> actions = other.table.get(method);
        if (actions == null) {
            throw new IllegalArgumentException("no method " + method + " to serve as " + as);
        }
        actions.forEach((action, work) -> on(as, action, work));
        return this;
    }

    public boolean knows(String method) {
        return table.containsKey(method);
    }

    public Answer dispatch(ApiRequest request) {
        String method = request.method();
        Map<String, Action> actions = method == null ? null : table.get(method.trim());
        if (actions == null) {
            throw ApiException.unknownMethod();
        }
        String action = request.optional("action").orElse(defaultActions.get(method.trim()));
        Action work = action == null ? null : actions.get(action);
        if (work == null) {
            throw ApiException.unknownAction();
        }
        return work.run(request);
    }
}
