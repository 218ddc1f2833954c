package org.opendialler.ecnow;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Datetimes as the wire writes them ({@code YYYY-MM-DD HH:MM:SS} in the centre's time zone, unset
 * as zeros) and as the database keeps them (Unix seconds).
 */
public final class Datetimes {

    public static final String ZERO_DATETIME = "0000-00-00 00:00:00";
    public static final String ZERO_DATE = "0000-00-00";

    private static final DateTimeFormatter OUT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final Pattern DATETIME = Pattern.compile(
            "(\\d{4})-(\\d{2})-(\\d{2})(?:[ T](\\d{2}):(\\d{2})(?::(\\d{2}))?)?");

    private Datetimes() {
    }

    /** Whether {@code text} means "unset": blank or the zero date. */
    public static boolean isUnset(String text) {
        String t = text == null ? "" : text.trim();
        return t.isEmpty() || t.startsWith(ZERO_DATE);
    }

    /**
     * Reads a local datetime ({@code YYYY-MM-DD}, optionally with {@code HH:MM[:SS]}); empty when
     * malformed. {@code endOfDay} makes a bare date mean its last second (for inclusive bounds).
     */
    public static Optional<LocalDateTime> parseLocal(String text, boolean endOfDay) {
        Matcher m = DATETIME.matcher(text.trim());
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            LocalDate date = LocalDate.of(num(m, 1), num(m, 2), num(m, 3));
            if (m.group(4) == null) {
                return Optional.of(endOfDay ? date.atTime(23, 59, 59) : date.atStartOfDay());
            }
            int seconds = m.group(6) == null ? 0 : num(m, 6);
            return Optional.of(date.atTime(num(m, 4), num(m, 5), seconds));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    private static int num(Matcher m, int group) {
        return Integer.parseInt(m.group(group));
    }

    /** Unix seconds of a local datetime in {@code zone}. */
    public static long epoch(LocalDateTime local, ZoneId zone) {
        return local.atZone(zone).toEpochSecond();
    }

    /** The wire form of Unix seconds in {@code zone}; the zero datetime for {@code null}. */
    public static String format(Long epochSeconds, ZoneId zone) {
        if (epochSeconds == null) {
            return ZERO_DATETIME;
        }
        return OUT.format(Instant.ofEpochSecond(epochSeconds).atZone(zone));
    }

    public static String format(LocalDateTime local) {
        return OUT.format(local);
    }
}
