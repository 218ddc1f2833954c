package org.opendialler.protocol;

import java.util.Map;

/**
 * A request the protocol refuses: its message is the envelope's {@code error}, sent with HTTP 200
 * and {@code success: false}. Nothing of the request has been written when this is thrown.
 */
public class ApiException extends RuntimeException {

    private final Map<String, Object> extra;

    public ApiException(String error) {
        this(error, Map.of());
    }

    public ApiException(String error, Map<String, Object> extra) {
        super(error, null, false, false);
        this.extra = Map.copyOf(extra);
    }

    /** Keys added to the envelope beside {@code error}, such as {@code expire: -1}. */
    public Map<String, Object> extra() {
        return extra;
    }

    public static ApiException badArgument(String name) {
        return new ApiException("Bad argument: " + name);
    }

    public static ApiException unknownMethod() {
        return new ApiException("Unknown method");
    }

    public static ApiException unknownAction() {
        return new ApiException("Unknown action");
    }

    public static ApiException accessDenied() {
        return new ApiException("Access denied");
    }

    public static ApiException noRows() {
        return new ApiException("No file uploaded. Missing 'easycall' section?");
    }
}
