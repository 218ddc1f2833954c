package org.opendialler.protocol;

/**
 * Who is calling: the API user that a valid token belongs to, and that user's contact centre.
 * Every read and write of a script is confined to {@link #ccid()}.
 */
public record Caller(long ccid, long userId, String username) {
}
