package org.opendialler.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestReaderTest {

    private static final String FORM = "application/x-www-form-urlencoded";

    private static ApiRequest read(Map<String, List<String>> query,
            Map<String, List<String>> multipart, String easycall, String body,
            String contentType) {
        RequestReader.Raw raw = new RequestReader.Raw("ecnow.php", new LinkedHashMap<>(query),
                multipart, easycall, body, contentType, "127.0.0.1", Map.of());
        return RequestReader.read(raw, Format.XML, EnumSet.allOf(Format.class));
    }

    private static ApiRequest body(String body, String contentType) {
        return read(Map.of(), Map.of(), null, body, contentType);
    }

    @Test
    void queryWinsOverFormBody() {
        ApiRequest r = read(Map.of("dataset", List.of("1")), Map.of(), null,
                "dataset=2&table=Willtest", FORM);

        assertEquals("1", r.param("dataset"));
        assertEquals("Willtest", r.param("table"));
    }

    @Test
    void queryWinsOverMultipartFields() {
        ApiRequest r = read(Map.of("method", List.of("ecnow_records")),
                Map.of("method", List.of("other"), "table", List.of("T1")), null, null,
                "multipart/form-data; boundary=x");

        assertEquals("ecnow_records", r.method());
        assertEquals("T1", r.param("table"));
    }

    @Test
    void jsonTextWithAFormContentTypeIsTheRowsNotAForm() {
        ApiRequest r = body("[{\"dataset\":3,\"MobilePhone\":\"01234567890\"}]", FORM);

        assertEquals(1, r.rows().size());
        assertEquals(3, r.rows().get(0).get("dataset").asInt());
        assertEquals("01234567890", r.rows().get(0).get("MobilePhone").asText());
    }

    @Test
    void aSingleObjectBodyIsOneRowAndAlsoFilters() {
        ApiRequest r = body("  {\"table\":\"Willtest\",\"search\":{\"firstname\":\"jo\"}}",
                "application/json");

        assertEquals(1, r.rows().size());
        assertEquals("Willtest", r.param("table"));
        assertEquals(Map.of("firstname", "jo"), r.nested("search"));
    }

    @Test
    void easycallPartWinsOverTheBody() {
        ApiRequest r = read(Map.of(), Map.of(), "{\"id\":1}", "[{\"id\":2},{\"id\":3}]",
                "multipart/form-data; boundary=x");

        assertEquals(1, r.rows().size());
        assertEquals(1, r.rows().get(0).get("id").asInt());
    }

    @Test
    void emptyAndNullArraysMeanNoRowsAndNoFilters() {
        for (String empty : List.of("[]", "[null]", "")) {
            ApiRequest r = body(empty, FORM);

            ApiException e = assertThrows(ApiException.class, r::rows);
            assertEquals("No file uploaded. Missing 'easycall' section?", e.getMessage());
            assertTrue(r.rowsOrEmpty().isEmpty());
            assertTrue(r.names().isEmpty(), empty);
        }
    }

    @Test
    void malformedJsonSaysWhereItBroke() {
        ApiException e = assertThrows(ApiException.class,
                () -> body("[{\"dataset\": 3,,}]", FORM));

        assertTrue(e.getMessage().startsWith("Invalid JSON: "), e.getMessage());
        assertTrue(e.getMessage().contains("line 1, column"), e.getMessage());
    }

    @Test
    void anUnclosedObjectSaysWhereWithoutTheParsersOwnDescription() {
        ApiException e = assertThrows(ApiException.class,
                () -> body("[{\"dataset\": 3, \"FirstName\": \"Ann\"", FORM));

        assertTrue(e.getMessage().startsWith("Invalid JSON: "), e.getMessage());
        assertTrue(e.getMessage().contains("line 1, column"), e.getMessage());
        assertFalse(e.getMessage().contains("Source"), e.getMessage());
        assertFalse(e.getMessage().contains("start marker"), e.getMessage());
    }

    @Test
    void rowsThatAreNotObjectsAreRefused() {
        ApiException e = assertThrows(ApiException.class, () -> body("[1, 2]", FORM));

        assertEquals("Invalid JSON: each row must be a JSON object", e.getMessage());
    }

    @Test
    void phpBracketsJsonValueAndJsonBodyAllGiveTheSameNestedFilter() {
        ApiRequest brackets = read(Map.of("search[firstname]", List.of("john"),
                "search[lastname]", List.of("smith")), Map.of(), null, null, null);
        ApiRequest jsonValue = read(Map.of("search",
                List.of("{\"firstname\":\"john\",\"lastname\":\"smith\"}")), Map.of(), null,
                null, null);
        ApiRequest jsonBody = body("{\"search\":{\"firstname\":\"john\",\"lastname\":\"smith\"}}",
                "application/json");

        Map<String, String> expected = Map.of("firstname", "john", "lastname", "smith");
        assertEquals(expected, brackets.nested("search"));
        assertEquals(expected, jsonValue.nested("search"));
        assertEquals(expected, jsonBody.nested("search"));
    }

    @Test
    void aPlainValueIsNotNested() {
        ApiRequest r = read(Map.of("search", List.of("34")), Map.of(), null, null, null);

        assertTrue(r.nested("search").isEmpty());
        assertEquals("34", r.param("search"));
    }

    @Test
    void formatDefaultsPerScriptAndAcceptsTheFormartMisspelling() {
        ApiRequest none = read(Map.of(), Map.of(), null, null, null);
        ApiRequest misspelt = read(Map.of("formart", List.of("json")), Map.of(), null, null,
                null);
        ApiRequest upper = read(Map.of("format", List.of("CSV")), Map.of(), null, null, null);

        assertEquals(Format.XML, none.format());
        assertEquals(Format.JSON, misspelt.format());
        assertEquals(Format.CSV, upper.format());
    }

    @Test
    void unknownOrDisallowedFormatIsABadArgument() {
        RequestReader.Raw raw = new RequestReader.Raw("token.php",
                Map.of("format", List.of("csv")), Map.of(), null, null, null, "127.0.0.1",
                Map.of());

        ApiException e = assertThrows(ApiException.class, () -> RequestReader.read(raw,
                Format.JSON, EnumSet.of(Format.JSON, Format.XML)));

        assertEquals("Bad argument: format", e.getMessage());
    }

    @Test
    void csvBodyBecomesRowsByItsHeader() {
        ApiRequest r = read(Map.of("format", List.of("csv")), Map.of(), null,
                "dataset,FirstName,MobilePhone\r\n3,\"Smith, Jo\",07700 900123\r\n4,Ann,\r\n",
                "text/csv");

        assertEquals(2, r.rows().size());
        assertEquals("Smith, Jo", r.rows().get(0).get("FirstName").asText());
        assertEquals("4", r.rows().get(1).get("dataset").asText());
    }

    @Test
    void nulByteInAParameterOrARowIsABadArgument() {
        ApiException inParam = assertThrows(ApiException.class, () -> read(
                Map.of("table", List.of("Will\0test")), Map.of(), null, null, null));
        ApiRequest rows = body("[{\"FirstName\":\"ok\"},{\"FirstName\":\"a\\u0000b\"}]",
                FORM);
        ApiException inRow = assertThrows(ApiException.class, rows::rows);
        ApiException inFilters = assertThrows(ApiException.class,
                () -> body("{\"table\":\"a\\u0000b\"}", FORM));

        assertEquals("Bad argument: table", inParam.getMessage());
        assertEquals("Bad argument: a value holds a NUL character", inRow.getMessage());
        assertEquals("Bad argument: a value holds a NUL character", inFilters.getMessage());
        assertTrue(rows.rowProblem(0).isEmpty());
        assertEquals("Bad argument: a value holds a NUL character", rows.rowProblem(1).get());
    }

    @Test
    void lastValueOfARepeatedNameWinsAsInPhp() {
        ApiRequest r = read(Map.of("dataset", List.of("1", "2")), Map.of(), null, null, null);

        assertEquals("2", r.param("dataset"));
        assertNull(r.param("absent"));
    }
}
