package org.opendialler.phone;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.Optional;

/**
 * Normalises phone numbers to E.164. A number is usable when libphonenumber can read it, with the
 * centre's default country unless it carries its own code ({@code +44}, {@code 0044},
 * {@code 011 44}, or a bare country code such as {@code 447700900123}), and it has a possible
 * length for its country. Ranges set aside for drama (07700 900xxx) are possible, so usable.
 * Thread-safe.
 */
public final class PhoneNumbers {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

    private PhoneNumbers() {
    }

    /** The E.164 form of {@code text} read with {@code defaultCountry}, or empty if unusable. */
    public static Optional<String> e164(String text, String defaultCountry) {
        return parse(text, defaultCountry).map(n -> UTIL.format(n,
                PhoneNumberUtil.PhoneNumberFormat.E164));
    }

    /** The parsed number, or empty when {@code text} is no usable number. */
    public static Optional<PhoneNumber> parse(String text, String defaultCountry) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String cleaned = text.strip().replace("(0)", "");
        Optional<PhoneNumber> read = read(cleaned, defaultCountry);
        if (read.isEmpty() && cleaned.matches("[1-9][\\d\\s.-]{6,}")) {
            // Digits that are not a national number may be one with its country code.
            read = read("+" + cleaned, defaultCountry);
        }
        return read;
    }

    private static Optional<PhoneNumber> read(String text, String defaultCountry) {
        try {
            PhoneNumber number = UTIL.parse(text, defaultCountry);
            // Local-only lengths (a number without its area code) cannot be dialled as given.
            if (UTIL.isPossibleNumberWithReason(number)
                    == PhoneNumberUtil.ValidationResult.IS_POSSIBLE) {
                return Optional.of(number);
            }
        } catch (NumberParseException e) {
            // not a number libphonenumber can read: unusable
        }
        return Optional.empty();
    }

    /** Whether the number is a mobile, as far as its range tells. */
    public static boolean isMobile(PhoneNumber number) {
        PhoneNumberUtil.PhoneNumberType type = UTIL.getNumberType(number);
        return type == PhoneNumberUtil.PhoneNumberType.MOBILE
                || type == PhoneNumberUtil.PhoneNumberType.FIXED_LINE_OR_MOBILE;
    }

    /** The number with all but its last three digits hidden, for logs. */
    public static String masked(String number) {
        if (number == null) {
            return "";
        }
        String digits = number.replaceAll("\\D", "");
        if (digits.length() <= 3) {
            return "***";
        }
        return "*".repeat(digits.length() - 3) + digits.substring(digits.length() - 3);
    }
}
