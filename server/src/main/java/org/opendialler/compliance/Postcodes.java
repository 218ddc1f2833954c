package org.opendialler.compliance;

import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Coarse time zones of postcodes, for numbers whose own zone is ambiguous: US ZIP codes by
 * their first three digits, Canadian postal codes by their first letter, Australian postcodes
 * by their state range, and every GB postcode in London's zone. A guess, not a gazetteer: states
 * split between zones take the zone of most of their people.
 */
final class Postcodes {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    // First three ZIP digits, inclusive ranges, to a zone; the rest of 000-999 is Eastern.
    private static final int[][] ZIP_RANGES = {
        {6, 9}, {350, 369}, {370, 385}, {386, 397}, {500, 528}, {530, 567}, {570, 577},
        {580, 588}, {590, 599}, {600, 629}, {630, 658}, {660, 679}, {680, 693}, {700, 797},
        {798, 799}, {800, 816}, {820, 847}, {850, 865}, {870, 884}, {889, 961}, {967, 968},
        {970, 994}, {995, 999},
    };
    private static final String[] ZIP_ZONES = {
        "America/Puerto_Rico", "America/Chicago", "America/Chicago", "America/Chicago",
        "America/Chicago", "America/Chicago", "America/Chicago", "America/Chicago",
        "America/Denver", "America/Chicago", "America/Chicago", "America/Chicago",
        "America/Chicago", "America/Chicago", "America/Denver", "America/Denver",
        "America/Denver", "America/Phoenix", "America/Denver", "America/Los_Angeles",
        "Pacific/Honolulu", "America/Los_Angeles", "America/Anchorage",
    };

    private static final Map<Character, String> CANADA = Map.ofEntries(
            Map.entry('A', "America/St_Johns"), Map.entry('B', "America/Halifax"),
            Map.entry('C', "America/Halifax"), Map.entry('E', "America/Moncton"),
            Map.entry('G', "America/Toronto"), Map.entry('H', "America/Toronto"),
            Map.entry('J', "America/Toronto"), Map.entry('K', "America/Toronto"),
            Map.entry('L', "America/Toronto"), Map.entry('M', "America/Toronto"),
            Map.entry('N', "America/Toronto"), Map.entry('P', "America/Toronto"),
            Map.entry('R', "America/Winnipeg"), Map.entry('S', "America/Regina"),
            Map.entry('T', "America/Edmonton"), Map.entry('V', "America/Vancouver"),
            Map.entry('X', "America/Yellowknife"), Map.entry('Y', "America/Whitehorse"));

    private static final String GB = "[A-Z]{1,2}\\d[A-Z\\d]?\\s*\\d[A-Z]{2}";

    private Postcodes() {
    }

    /** The zone of {@code postcode} read as a postcode of {@code country}, or empty. */
    static Optional<ZoneId> zone(String country, String postcode) {
        if (country == null || postcode == null || postcode.isBlank()) {
            return Optional.empty();
        }
        String code = postcode.trim().toUpperCase(Locale.ROOT);
        return switch (country) {
            case "US" -> code.matches("\\d{5}(-\\d{4})?")
                    ? Optional.of(zip(Integer.parseInt(code.substring(0, 3))))
                    : Optional.empty();
            case "CA" -> code.matches("[A-Z]\\d[A-Z]\\s*\\d[A-Z]\\d")
                    ? Optional.ofNullable(CANADA.get(code.charAt(0))).map(ZoneId::of)
                    : Optional.empty();
            case "AU" -> code.matches("\\d{4}") ? australia(Integer.parseInt(code))
                    : Optional.empty();
            case "GB" -> code.matches(GB) ? Optional.of(ZoneId.of("Europe/London"))
                    : Optional.empty();
            default -> Optional.empty();
        };
    }

    private static ZoneId zip(int prefix) {
        for (int i = 0; i < ZIP_RANGES.length; i++) {
            if (prefix >= ZIP_RANGES[i][0] && prefix <= ZIP_RANGES[i][1]) {
                return ZoneId.of(ZIP_ZONES[i]);
            }
        }
        return NEW_YORK;
    }

    private static Optional<ZoneId> australia(int code) {
        String zone;
        if (code >= 800 && code <= 999) {
            zone = "Australia/Darwin";
        } else if (code >= 1000 && code <= 2999) {
            zone = "Australia/Sydney";
        } else if (code >= 3000 && code <= 3999) {
            zone = "Australia/Melbourne";
        } else if (code >= 4000 && code <= 4999) {
            zone = "Australia/Brisbane";
        } else if (code >= 5000 && code <= 5999) {
            zone = "Australia/Adelaide";
        } else if (code >= 6000 && code <= 6999) {
            zone = "Australia/Perth";
        } else if (code >= 7000 && code <= 7999) {
            zone = "Australia/Hobart";
        } else {
            return Optional.empty();
        }
        return Optional.of(ZoneId.of(zone));
    }
}
