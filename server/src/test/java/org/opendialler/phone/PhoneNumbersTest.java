package org.opendialler.phone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PhoneNumbersTest {

    @ParameterizedTest
    @ValueSource(strings = {"07700 900123", "+44 7700 900123", "+44(0)7700 900123",
        "447700900123", "0044 7700 900123", "07700-900123"})
    void ukSpellingsOfOneMobileAreOneNumber(String typed) {
        assertEquals(Optional.of("+447700900123"), PhoneNumbers.e164(typed, "GB"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"(212) 555-0143", "1 212 555 0143", "+1 212-555-0143",
        "011 1 212 555 0143"})
    void usSpellingsOfOneNumberAreOneNumber(String typed) {
        assertEquals(Optional.of("+12125550143"), PhoneNumbers.e164(typed, "US"));
    }

    @ParameterizedTest
    @CsvSource({"01234 567890,GB,+441234567890", "+441234567890,US,+441234567890",
        "441234567890,GB,+441234567890", "001 312 555 0137,GB,+13125550137"})
    void nationalAndInternationalFormsAgree(String typed, String country, String e164) {
        assertEquals(Optional.of(e164), PhoneNumbers.e164(typed, country));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "n/a", "12", "0770", "not a number", "+44"})
    void unusableTextIsNoNumber(String typed) {
        assertTrue(PhoneNumbers.e164(typed, "GB").isEmpty(), typed);
    }

    @ParameterizedTest
    @CsvSource({"+447700900123,*********123", "12,***"})
    void maskedKeepsOnlyTheLastThreeDigits(String number, String masked) {
        assertEquals(masked, PhoneNumbers.masked(number));
    }
}
