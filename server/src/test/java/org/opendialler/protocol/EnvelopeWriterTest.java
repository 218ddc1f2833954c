package org.opendialler.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvelopeWriterTest {

    private static Map<String, Object> readEnvelope(List<Map<String, Object>> rows) {
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("success", true);
        envelope.put("account_id", "315");
        envelope.putAll(Answer.Rows.of(rows).body());
        return envelope;
    }

    private static Map<String, Object> row(Object... keysAndValues) {
        return Answer.Fields.of(keysAndValues).body();
    }

    @Test
    void xmlNamesEachRowAfterTheMethodAndWritesBooleansAsDigits() {
        Map<String, Object> envelope = readEnvelope(List.of(
                row("outcome", "510456", "description", "Sales & <Completed>")));

        String xml = new String(EnvelopeWriter.write(Format.XML, "outcomecodes", envelope),
                StandardCharsets.UTF_8);

        assertEquals("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<result><success>1</success>"
                + "<account_id>315</account_id><total>1</total><list><outcomecodes>"
                + "<outcome>510456</outcome><description>Sales &amp; &lt;Completed>"
                + "</description></outcomecodes></list></result>\n", xml);
    }

    @Test
    void xmlWritesNullAsAnEmptyElementAndOddNamesAsFieldElements() {
        Map<String, Object> envelope = readEnvelope(List.of(row("1st name", "Zoë", "notes",
                null)));

        String xml = new String(EnvelopeWriter.write(Format.XML, "ecnow_records", envelope),
                StandardCharsets.UTF_8);

        assertEquals("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<result><success>1</success>"
                + "<account_id>315</account_id><total>1</total><list><ecnow_records>"
                + "<field name=\"1st name\">Zoë</field><notes/></ecnow_records></list>"
                + "</result>\n", xml);
    }

    @Test
    void jsonKeepsKeyOrderStringsAndNumbers() {
        Map<String, Object> envelope = readEnvelope(List.of(row("qid", "719718")));

        String json = new String(EnvelopeWriter.write(Format.JSON, "queues", envelope),
                StandardCharsets.UTF_8);

        assertEquals("{\"success\":true,\"account_id\":\"315\",\"total\":1,"
                + "\"list\":[{\"qid\":\"719718\"}]}", json);
    }

    @Test
    void csvHasAHeaderRowAndQuotesAsRfc4180() {
        Map<String, Object> envelope = readEnvelope(List.of(
                row("id", "1", "FirstName", "Smith, \"Jo\""), row("id", "2", "FirstName", null)));

        String csv = new String(EnvelopeWriter.write(Format.CSV, "ecnow_records", envelope),
                StandardCharsets.UTF_8);

        assertEquals("id,FirstName\r\n1,\"Smith, \"\"Jo\"\"\"\r\n2,\r\n", csv);
    }

    @Test
    void writeAnswerCarriesCountsKeysAndPerRowErrors() {
        Answer.Write write = new Answer.Write(1, List.of(new RowError(1, "No valid phone number")),
                List.of(2499265L), "Record NOT live on the dialer.");

        String json = new String(EnvelopeWriter.json(new LinkedHashMap<>(write.body())),
                StandardCharsets.UTF_8);

        assertEquals("{\"total\":1,\"bad\":1,\"key\":2499265,"
                + "\"info\":\"Record NOT live on the dialer.\",\"keys\":[2499265],"
                + "\"errors\":[{\"index\":1,\"error\":\"No valid phone number\"}]}", json);
    }

    @Test
    void writeWithEveryRowRefusedNamesTheFirstProblem() {
        Answer.Write write = new Answer.Write(0, List.of(new RowError(0, "Unknown field [x]"),
                new RowError(1, "No valid phone number")), List.of(), null);

        assertEquals("Unknown field [x]", write.body().get("error"));
        assertEquals(2, write.body().get("bad"));
    }
}
