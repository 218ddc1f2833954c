package org.opendialler.database;

/** One row of a write that cannot be written; its message goes into the answer's errors. */
final class RowRefused extends RuntimeException {

    RowRefused(String message) {
        super(message, null, false, false);
    }

    static RowRefused badValue(String key, String why) {
        return new RowRefused("Bad argument: " + key + " (" + why + ")");
    }

    static RowRefused missing(String key) {
        return new RowRefused("Missing " + key);
    }

    static RowRefused noSuch(String what, Object id) {
        return new RowRefused("No such " + what + ": " + id);
    }
}
