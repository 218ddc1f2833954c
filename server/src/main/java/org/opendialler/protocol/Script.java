package org.opendialler.protocol;

import java.util.EnumSet;
import java.util.Set;

/**
 * One of the API's scripts, such as {@code ecnow.php}. The router reads the request, checks the
 * token when {@link #requiresToken()}, and wraps what {@link #handle} answers in the envelope.
 */
public interface Script {

    /** The file name clients call, such as {@code ecnow.php}. */
    String name();

    /** The format of an answer when the request names none. */
    Format defaultFormat();

    /** The formats this script answers in. */
    default Set<Format> formats() {
        return EnumSet.of(Format.JSON, Format.XML);
    }

    default boolean requiresToken() {
        return true;
    }

    /**
     * Whether this script checks the request's token itself, in {@link #handle}, rather than
     * have the router check it first: a script may send the check to the database with its
     * own first read, whose rows it may use only once the check has passed. It must read or
     * refuse nothing else before the check, and then
     * {@link ApiRequest#authenticate(Caller, boolean) authenticate} the request.
     */
    default boolean checksTokenItself(ApiRequest request) {
        return false;
    }

    /**
     * Whether a numeric {@code campaign} parameter names the caller's contact centre, as the
     * PHP client sends it: the caller's ccid or {@code 0} pass, any other number is refused.
     */
    default boolean campaignIsCentre() {
        return false;
    }

    /**
     * Answers one request.
     *
     * @throws ApiException for a request the protocol refuses
     */
    Answer handle(ApiRequest request);
}
