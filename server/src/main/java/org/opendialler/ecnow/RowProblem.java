package org.opendialler.ecnow;

/** Why one row of a write is refused; its message goes to the answer's {@code errors}. */
final class RowProblem extends RuntimeException {

    RowProblem(String message) {
        super(message, null, false, false);
    }
}
