package org.opendialler.tenancy;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.nio.charset.StandardCharsets;

/**
 * Password hashing with bcrypt. A password longer than bcrypt's 72 bytes is refused rather than
 * silently cut. Thread-safe.
 */
public final class Passwords {

    private static final int COST = 10;
    private static final int MAX_BYTES = 72;

    /** A hash of a password nobody has, so an unknown user costs as much time as a known one. */
    private static final String DECOY = hash("decoy password that matches no user");

    private Passwords() {
    }

    public static String hash(String password) {
        byte[] bytes = password.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > MAX_BYTES) {
            throw new IllegalArgumentException("a password may be at most 72 bytes of UTF-8");
        }
        return BCrypt.withDefaults().hashToString(COST, password.toCharArray());
    }

    /** Checks a password against a stored hash; {@code null} hash checks against the decoy. */
    public static boolean matches(String password, String storedHash) {
        byte[] bytes = password.getBytes(StandardCharsets.UTF_8);
        String hash = storedHash == null ? DECOY : storedHash;
        boolean ok = bytes.length <= MAX_BYTES
                && BCrypt.verifyer().verify(password.toCharArray(), hash).verified;
        return ok && storedHash != null;
    }
}
