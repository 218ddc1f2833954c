package org.opendialler.client;

import java.util.List;

/**
 * An answer with {@code success: false}, or a write whose rows were refused: {@link #error()} is
 * the envelope's {@code error}, {@link #rowErrors()} the per-row reasons of a write.
 */
public class ContactNowException extends RuntimeException {

    private final String error;
    private final List<RowError> rowErrors;

    public ContactNowException(String error, List<RowError> rowErrors) {
        super(error);
        this.error = error;
        this.rowErrors = List.copyOf(rowErrors);
    }

    public ContactNowException(String message, Throwable cause) {
        super(message, cause);
        this.error = message;
        this.rowErrors = List.of();
    }

    /** The envelope's {@code error} text, such as {@code Invalid token}. */
    public String error() {
        return error;
    }

    /** Why each refused row of a write was refused; empty for other errors. */
    public List<RowError> rowErrors() {
        return rowErrors;
    }
}
