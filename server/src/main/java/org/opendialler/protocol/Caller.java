package org.opendialler.protocol;

/**
 * Who is calling: the API user that a valid token belongs to, and that user's contact centre.
 * Every read and write of a script is confined to {@link #ccid()}.
 *
 * @param definitionsVersion the centre's definitions version as the token check read it (see
 *     {@code Tenancy.definitionsChange}), or {@link #UNKNOWN_VERSION}; definitions kept in memory
 *     at this version or later are current for this request
 */
public record Caller(long ccid, long userId, String username, long definitionsVersion) {

    /** The version of a caller made without the token check: nothing kept is trusted. */
    public static final long UNKNOWN_VERSION = Long.MAX_VALUE;

    public Caller(long ccid, long userId, String username) {
        this(ccid, userId, username, UNKNOWN_VERSION);
    }
}
