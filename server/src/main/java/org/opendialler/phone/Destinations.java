package org.opendialler.phone;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import com.google.i18n.phonenumbers.geocoding.PhoneNumberOfflineGeocoder;
import java.util.Locale;
import java.util.Optional;

/**
 * Where a dialled number goes, as a call detail record names it ({@code dest}, {@code dcode},
 * {@code is_mob}), from libphonenumber's metadata and its offline geocoder. Thread-safe.
 */
public final class Destinations {

    /** The widest {@code dest} and {@code dcode} the {@code cdr} table holds. */
    private static final int DEST_MAX = 100;
    private static final int DCODE_MAX = 20;
    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    private static final PhoneNumberOfflineGeocoder GEOCODER =
            PhoneNumberOfflineGeocoder.getInstance();

    /** The destination of a number nobody could read: nothing is claimed about it. */
    public static final Destination UNKNOWN = new Destination("", "", false);

    private Destinations() {
    }

    /**
     * @param dest the geocoder's English description of the number (a place such as
     *     {@code London}, or a country for mobiles and non-geographic numbers), else the
     *     English name of the number's country
     * @param dcode the country calling code then the national destination code, digits only
     *     ({@code 4420} for London, {@code 447700} for a UK mobile)
     * @param mobile whether libphonenumber types the number {@code MOBILE}
     */
    public record Destination(String dest, String dcode, boolean mobile) {
    }

    /**
     * The destination of {@code number}, read with {@code defaultCountry} when it has no
     * country code; {@link #UNKNOWN} when it is no usable number.
     */
    public static Destination of(String number, String defaultCountry) {
        Optional<PhoneNumber> parsed = PhoneNumbers.parse(number, defaultCountry);
        if (parsed.isEmpty()) {
            return UNKNOWN;
        }
        PhoneNumber n = parsed.get();
        String national = UTIL.getNationalSignificantNumber(n);
        int ndc = Math.min(UTIL.getLengthOfNationalDestinationCode(n), national.length());
        String dcode = n.getCountryCode() + national.substring(0, ndc);
        boolean mobile = UTIL.getNumberType(n) == PhoneNumberUtil.PhoneNumberType.MOBILE;
        return new Destination(cut(name(n), DEST_MAX), cut(dcode, DCODE_MAX), mobile);
    }

    private static String name(PhoneNumber n) {
        String described = GEOCODER.getDescriptionForNumber(n, Locale.ENGLISH);
        if (!described.isEmpty()) {
            return described;
        }
        // Numbers the metadata does not know as valid (the drama ranges among them) still
        // have a country by their calling code.
        String region = UTIL.getRegionCodeForCountryCode(n.getCountryCode());
        if (PhoneNumberUtil.REGION_CODE_FOR_NON_GEO_ENTITY.equals(region)
                || "ZZ".equals(region)) {
            return "";
        }
        return new Locale("", region).getDisplayCountry(Locale.ENGLISH);
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
