package org.opendialler.protocol;

/** Why one row of a write was refused: its 0-based index in the input and the reason. */
public record RowError(int index, String error) {
}
