package org.opendialler.compliance;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.stream.Stream;

/**
 * The times a callback with {@code Call_Back_Sametime} may be called at: its own local wall
 * time, in the zone the number rings in, on its day or a later one, when the calling window is
 * open then. A number that may ring in several zones offers that wall time in each of them,
 * and an offer counts only when every zone is inside the window, as for any call. Stateless.
 */
final class SameTime {

    /** How far from now offers are looked for, ahead and back. */
    static final Duration HORIZON = Duration.ofDays(14);

    private SameTime() {
    }

    /**
     * Whether the window allowed the callback's time on some day from the callback to
     * {@code now} (looking back no further than {@link #HORIZON}): then it is due.
     */
    static boolean allowedSince(WeekWindow window, List<ZoneId> zones, Instant callback,
            Instant now) {
        Instant from = later(callback, now.minus(HORIZON));
        return offers(window, zones, callback, from, now).findAny().isPresent();
    }

    /**
     * The first offer after {@code now}, and not before {@code notBefore}, within
     * {@link #HORIZON}; null when there is none.
     */
    static Instant next(WeekWindow window, List<ZoneId> zones, Instant callback, Instant now,
            Instant notBefore) {
        return offers(window, zones, callback, later(now, notBefore), now.plus(HORIZON))
                .filter(t -> t.isAfter(now)).min(Instant::compareTo).orElse(null);
    }

    /**
     * The offers from {@code from} to {@code to}, both included, that are not before the
     * callback. A wall time that a daylight-saving change skips on some day is, as
     * {@code java.time} has it, moved on by the length of the gap.
     */
    private static Stream<Instant> offers(WeekWindow window, List<ZoneId> zones,
            Instant callback, Instant from, Instant to) {
        if (from.isAfter(to)) {
            return Stream.empty();
        }
        return zones.stream().flatMap(zone -> {
            LocalTime time = callback.atZone(zone).toLocalTime();
            LocalDate first = from.atZone(zone).toLocalDate();
            LocalDate last = to.atZone(zone).toLocalDate();
            return first.datesUntil(last.plusDays(1))
                    .map(d -> ZonedDateTime.of(d, time, zone).toInstant());
        }).filter(t -> !t.isBefore(callback) && !t.isBefore(from) && !t.isAfter(to))
                .filter(t -> ComplianceGuard.isOpen(window, zones, t));
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
