package org.opendialler.compliance;

import java.util.BitSet;
import java.util.Optional;
import java.util.stream.IntStream;

/** The minutes of one local day in which calls are allowed. Immutable. */
final class DayWindow {

    static final int MINUTES = 24 * 60;
    static final DayWindow CLOSED = new DayWindow(new BitSet(MINUTES));
    static final DayWindow ALL_DAY = between(0, MINUTES);

    private final BitSet open;

    private DayWindow(BitSet open) {
        this.open = open;
    }

    /** Open from minute {@code start} of the day up to, not including, {@code stop}. */
    static DayWindow between(int start, int stop) {
        BitSet bits = new BitSet(MINUTES);
        if (start < stop) {
            bits.set(Math.max(0, start), Math.min(MINUTES, stop));
        }
        return new DayWindow(bits);
    }

    /** {@code HH:MM-HH:MM}, or empty when the text is no such window. */
    static Optional<DayWindow> parse(String hours) {
        if (hours == null || !hours.trim().matches("\\d\\d:\\d\\d-\\d\\d:\\d\\d")) {
            return Optional.empty();
        }
        String[] parts = hours.trim().split("-");
        return Optional.of(between(minute(parts[0]), minute(parts[1])));
    }

    /** Minutes since midnight of {@code HH:MM} (24:00 is the day's end). */
    static int minute(String hhmm) {
        String[] parts = hhmm.trim().split(":");
        return Integer.parseInt(parts[0]) * 60 + Integer.parseInt(parts[1]);
    }

    DayWindow and(DayWindow other) {
        BitSet bits = (BitSet) open.clone();
        bits.and(other.open);
        return new DayWindow(bits);
    }

    DayWindow or(DayWindow other) {
        BitSet bits = (BitSet) open.clone();
        bits.or(other.open);
        return new DayWindow(bits);
    }

    DayWindow minus(DayWindow other) {
        BitSet bits = (BitSet) open.clone();
        bits.andNot(other.open);
        return new DayWindow(bits);
    }

    boolean isOpen(int minuteOfDay) {
        return open.get(minuteOfDay);
    }

    /** The minutes at which an open stretch begins. */
    IntStream starts() {
        return open.stream().filter(m -> m == 0 || !open.get(m - 1));
    }
}
