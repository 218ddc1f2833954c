package org.opendialler.client;

/** One refused row of a write: its 0-based index in what was sent, and why. */
public record RowError(int index, String error) {
}
