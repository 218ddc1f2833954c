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
 * When a callback with {@code Call_Back_Sametime} is due once its own time was refused: the
 * same local wall time on a later day, taken in the zone the number rings in, at which the
 * calling window is open. A number that may ring in several zones offers that wall time in
 * each of them, and an offer counts only when every zone is inside the window, as for any
 * call. Stateless.
 */
final class SameTime {

    /** How far ahead a later day is looked for; past it the callback is left as it is. */
    static final Duration HORIZON = Duration.ofDays(14);

    private SameTime() {
    }

    /**
     * The first instant after {@code now}, and not before {@code notBefore}, that has the
     * callback's local time of day in one of the zones and is inside the window in all of
     * them; null when there is none within {@link #HORIZON} of {@code now}.
     */
    static Instant next(WeekWindow window, List<ZoneId> zones, Instant callback, Instant now,
            Instant notBefore) {
        Instant last = now.plus(HORIZON);
        return zones.stream().flatMap(zone -> offers(zone, callback, now))
                .filter(t -> t.isAfter(now) && !t.isAfter(last) && !t.isBefore(notBefore))
                .filter(t -> ComplianceGuard.isOpen(window, zones, t))
                .min(Instant::compareTo).orElse(null);
    }

    /**
     * The callback's wall time in {@code zone} on each day from the day after it (or from
     * today, when that is later) to the horizon. A wall time that a daylight-saving change
     * skips on some day is, as {@code java.time} has it, moved on by the length of the gap.
     */
    private static Stream<Instant> offers(ZoneId zone, Instant callback, Instant now) {
        ZonedDateTime at = callback.atZone(zone);
        LocalTime time = at.toLocalTime();
        LocalDate dayAfter = at.toLocalDate().plusDays(1);
        LocalDate today = now.atZone(zone).toLocalDate();
        LocalDate first = today.isAfter(dayAfter) ? today : dayAfter;
        return Stream.iterate(first, d -> d.plusDays(1)).limit(HORIZON.toDays() + 1)
                .map(d -> ZonedDateTime.of(d, time, zone).toInstant());
    }
}
