package org.opendialler.tenancy;

/** An API user of a contact centre: the one who gets tokens with a username and password. */
public record ApiUser(long userId, long ccid, String username, String passwordHash, String role) {
}
