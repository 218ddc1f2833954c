package org.opendialler.ecnow;

import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.HashMap;

/**
 * The record's own time zone, for a number that does not settle its zone (compliance.md): a
 * text custom field named {@code timezone}, any case, holding an IANA zone id such as
 * {@code America/Chicago}. A table without such a field has no explicit zones. Writes check the
 * value; it is stored in the zone id's own spelling.
 */
public final class ZoneField {

    /** The field's name, lower case as {@code campaign_fields.name_lower} keeps it. */
    public static final String NAME = "timezone";

    private static final Map<String, String> BY_LOWER = index();

    private ZoneField() {
    }

    /** Whether a field of a table is the zone field. */
    static boolean is(FieldDef field) {
        return !field.standard() && !field.isInt() && !field.isDatetime() && !field.isDate()
                && field.name().equalsIgnoreCase(NAME);
    }

    /** The zone id as the tz database spells it, for any case of it; empty for anything else. */
    static Optional<String> canonical(String text) {
        return Optional.ofNullable(BY_LOWER.get(text.strip().toLowerCase(Locale.ROOT)));
    }

    // Region ids only: offsets such as +01:00 name no place and no daylight-saving rules.
    private static Map<String, String> index() {
        Map<String, String> map = new HashMap<>();
        ZoneId.getAvailableZoneIds().forEach(id -> map.put(id.toLowerCase(Locale.ROOT), id));
        return Map.copyOf(map);
    }
}
