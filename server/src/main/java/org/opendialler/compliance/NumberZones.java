package org.opendialler.compliance;

import com.google.i18n.phonenumbers.PhoneNumberToTimeZonesMapper;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.opendialler.phone.PhoneNumbers;

/**
 * Where a number rings: its country and the time zones it may be in. The zone comes from the
 * number (libphonenumber's prefix map), else from the record's explicit zone or postcode when
 * the number may ring there, else every zone of the number's country; a number in several zones
 * is called only when all of them allow it. Thread-safe.
 */
final class NumberZones {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    private static final PhoneNumberToTimeZonesMapper MAPPER =
            PhoneNumberToTimeZonesMapper.getInstance();

    /**
     * @param country the ISO code whose rules apply, or {@link CountryRules#DEFAULT}
     * @param zones the zones the number may ring in, never empty
     */
    record Placement(String country, List<ZoneId> zones) {
    }

    private NumberZones() {
    }

    /**
     * @param explicitZone a zone id the record names, or null
     * @param fallback the zone used when nothing at all places the number (the centre's)
     */
    static Placement place(String e164, String postcode, String explicitZone, ZoneId fallback) {
        Optional<PhoneNumber> parsed = PhoneNumbers.parse(e164, "GB");
        if (parsed.isEmpty()) {
            return new Placement(CountryRules.DEFAULT, List.of(fallback));
        }
        PhoneNumber number = parsed.get();
        String country = country(number);
        List<ZoneId> own = zones(number);
        if (own.size() == 1) {
            return new Placement(country, own);
        }
        List<ZoneId> ofCountry = countryZones(number, country);
        // A named zone must be one the number may ring in: a record's zone or postcode from
        // another country is a mistake, not a reason to call at that country's hours.
        List<ZoneId> possible = own.isEmpty() ? ofCountry : own;
        Optional<ZoneId> named = explicit(explicitZone).filter(z -> fits(z, possible))
                .or(() -> Postcodes.zone(country, postcode).filter(z -> fits(z, possible)));
        if (named.isPresent()) {
            return new Placement(country, List.of(named.get()));
        }
        return new Placement(country, possible.isEmpty() ? List.of(fallback) : possible);
    }

    private static boolean fits(ZoneId zone, List<ZoneId> possible) {
        return possible.isEmpty() || possible.contains(zone);
    }

    private static String country(PhoneNumber number) {
        String region = UTIL.getRegionCodeForNumber(number);
        if (region == null) {
            region = UTIL.getRegionCodeForCountryCode(number.getCountryCode());
        }
        return region == null || !region.matches("[A-Z]{2}") ? CountryRules.DEFAULT : region;
    }

    private static List<ZoneId> zones(PhoneNumber number) {
        List<ZoneId> zones = new ArrayList<>();
        for (String id : MAPPER.getTimeZonesForNumber(number)) {
            if (!id.equals(PhoneNumberToTimeZonesMapper.getUnknownTimeZone())) {
                zones.add(ZoneId.of(id));
            }
        }
        return zones;
    }

    // libphonenumber maps non-geographic numbers (toll-free) to every zone of the country code.
    private static List<ZoneId> countryZones(PhoneNumber number, String country) {
        PhoneNumber example = UTIL.getExampleNumberForType(country,
                PhoneNumberUtil.PhoneNumberType.TOLL_FREE);
        if (example == null) {
            example = new PhoneNumber().setCountryCode(number.getCountryCode());
        }
        return zones(example);
    }

    private static Optional<ZoneId> explicit(String zone) {
        if (zone == null || zone.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(ZoneId.of(zone.trim()));
        } catch (java.time.DateTimeException e) {
            return Optional.empty();
        }
    }
}
