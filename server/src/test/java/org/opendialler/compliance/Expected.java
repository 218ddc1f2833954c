package org.opendialler.compliance;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The test's own answer to "may this number be called at this instant": UTC offsets and their
 * 2024 daylight-saving changes written out by hand (no time-zone rules), and the windows of
 * compliance.md (US and GB 08:00-21:00 every day; AU weekdays 09:00-20:00, Saturday
 * 09:00-17:00, no Sunday).
 */
final class Expected {

    /** One test number and where it rings. */
    record Place(String city, String number, String country) {
    }

    static final Place NEW_YORK = new Place("New York", "+12125550100", "US");
    static final Place LOS_ANGELES = new Place("Los Angeles", "+12135550100", "US");
    static final Place PHOENIX = new Place("Phoenix", "+16025550100", "US");
    static final Place HONOLULU = new Place("Honolulu", "+18085550100", "US");
    static final Place LONDON = new Place("London", "+442079460000", "GB");
    static final Place SYDNEY = new Place("Sydney", "+61293744000", "AU");
    static final List<Place> PLACES =
            List.of(NEW_YORK, LOS_ANGELES, PHOENIX, HONOLULU, LONDON, SYDNEY);

    private Expected() {
    }

    static int offsetHours(Place place, Instant t) {
        return switch (place.city()) {
            case "New York" -> between(t, "2024-03-10T07:00:00Z", "2024-11-03T06:00:00Z") ? -4 : -5;
            case "Los Angeles" ->
                    between(t, "2024-03-10T10:00:00Z", "2024-11-03T09:00:00Z") ? -7 : -8;
            case "Phoenix" -> -7;
            case "Honolulu" -> -10;
            case "London" -> between(t, "2024-03-31T01:00:00Z", "2024-10-27T01:00:00Z") ? 1 : 0;
            case "Sydney" -> between(t, "2024-04-06T16:00:00Z", "2024-10-05T16:00:00Z") ? 10 : 11;
            default -> throw new IllegalArgumentException(place.city());
        };
    }

    private static boolean between(Instant t, String from, String until) {
        return !t.isBefore(Instant.parse(from)) && t.isBefore(Instant.parse(until));
    }

    static boolean callable(Place place, Instant t) {
        LocalDateTime local = LocalDateTime.ofEpochSecond(t.getEpochSecond(), 0,
                ZoneOffset.ofHours(offsetHours(place, t)));
        int minute = local.getHour() * 60 + local.getMinute();
        if (!place.country().equals("AU")) {
            return minute >= 8 * 60 && minute < 21 * 60;
        }
        DayOfWeek day = local.getDayOfWeek();
        if (day == DayOfWeek.SUNDAY) {
            return false;
        }
        int stop = day == DayOfWeek.SATURDAY ? 17 * 60 : 20 * 60;
        return minute >= 9 * 60 && minute < stop;
    }
}
