package org.opendialler.store;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the database is. A blank URL means the embedded H2 file under the data directory.
 * {@code schema}, when set, confines every table to that schema (tests give each server one).
 */
public record DbConfig(String url, String user, String password, String schema) {

    /** The embedded default: an H2 file in {@code dataDir}, speaking PostgreSQL's dialect. */
    public static DbConfig embedded(Path dataDir) {
        String file = dataDir.toAbsolutePath().normalize().resolve("opendialler").toString();
        return new DbConfig("jdbc:h2:file:" + file + h2Options(), "sa", "", null);
    }

    /**
     * The options every H2 URL needs so that unquoted and quoted lower-case names agree, and so
     * that a commit reaches the file before it returns (H2 otherwise writes up to half a second
     * later, and a killed process loses committed calls).
     */
    public static String h2Options() {
        return ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"
                + ";LOCK_TIMEOUT=10000;WRITE_DELAY=0";
    }

    /**
     * The file of the embedded database of a data directory ({@link #embedded}), or empty for
     * any other database, an H2 URL of the user's own included (its options may differ).
     */
    public Optional<Path> embeddedFile() {
        String prefix = "jdbc:h2:file:";
        if (!url.startsWith(prefix) || !url.endsWith(h2Options()) || !"sa".equals(user)
                || schema != null) {
            return Optional.empty();
        }
        String base = url.substring(prefix.length(), url.length() - h2Options().length());
        return base.contains(";") ? Optional.empty() : Optional.of(Path.of(base + ".mv.db"));
    }

    public boolean isPostgres() {
        return url.startsWith("jdbc:postgresql:");
    }

    /** The URL without credentials or options, for logs. */
    public String describe() {
        String shown = url;
        int options = shown.indexOf(';');
        if (options > 0) {
            shown = shown.substring(0, options);
        }
        int query = shown.indexOf('?');
        if (query > 0) {
            shown = shown.substring(0, query);
        }
        return schema == null ? shown : shown + " (schema " + schema + ")";
    }
}
