package org.opendialler.ecnow;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opendialler.testing.Api;
import org.opendialler.testing.TestServer;

class EcnowTablesApiTest {

    private static TestServer server;
    private static Ecnow ecnow;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        Api api = server.newCentre("Tables");
        ecnow = new Ecnow(api);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void tableNamesAreCheckedAndUniqueIgnoringCase() {
        ecnow.table("Willtest");

        JsonNode answer = ecnow.write("campaign_tables", "create",
                "[{\"name\":\"WILLTEST\"},{\"name\":\"9lives\"},{\"name\":\"ok_2\"}]");

        assertEquals(1, answer.get("total").asInt());
        assertEquals("Table [WILLTEST] already exists.",
                answer.get("errors").get(0).get("error").asText());
        assertEquals("Bad table name: letters, digits and _, starting with a letter, at most 64"
                + " characters", answer.get("errors").get(1).get("error").asText());
        assertEquals("Willtest", ecnow.read("campaign_tables", "name", "willtest").get("list")
                .get(0).get("name").asText());
    }

    @Test
    void fieldsListStandardThenCustomInPositionOrder() {
        String table = ecnow.table("Fields");
        ecnow.write("campaign_fields", "create", "[{\"table\":\"" + table + "\",\"name\":"
                + "\"Size\",\"type\":\"radio\",\"picklist\":[\"S\",\"M\"],\"prompt\":\"Shirt\"}]");

        JsonNode fields = ecnow.read("campaign_fields", "table", table);
        JsonNode custom = fields.get("list").get(StandardFields.all().size());

        assertEquals(StandardFields.all().size() + 1, fields.get("total").asInt());
        assertEquals("id", fields.get("list").get(0).get("name").asText());
        assertEquals("1", fields.get("list").get(0).get("standard_field").asText());
        assertEquals("Size", custom.get("name").asText());
        assertEquals("0", custom.get("standard_field").asText());
        assertEquals("S,M", custom.get("picklist").asText());
        assertEquals("Shirt", custom.get("prompt").asText());
        assertEquals(String.valueOf(StandardFields.all().size() + 1),
                custom.get("position").asText());
    }

    @Test
    void fieldUpdateMayGrowButNotShrinkAndStandardFieldsAreFixed() {
        String table = ecnow.table("Grow");
        ecnow.write("campaign_fields", "create", "[{\"table\":\"" + table + "\",\"name\":"
                + "\"Code\",\"type\":\"varchar\",\"size\":10}]");

        JsonNode answer = ecnow.write("campaign_fields", "update", "["
                + "{\"table\":\"" + table + "\",\"name\":\"code\",\"size\":20,\"hidden\":\"Y\"},"
                + "{\"table\":\"" + table + "\",\"name\":\"Code\",\"size\":5},"
                + "{\"table\":\"" + table + "\",\"name\":\"FirstName\",\"size\":500}]");
        JsonNode field = ecnow.read("campaign_fields", "table", table, "name", "code")
                .get("list").get(0);

        assertEquals(1, answer.get("total").asInt(), answer.toString());
        assertEquals("Field [Code] cannot shrink below 20 characters.",
                answer.get("errors").get(0).get("error").asText());
        assertEquals("Field [FirstName] is a standard field.",
                answer.get("errors").get(1).get("error").asText());
        assertEquals("20", field.get("size").asText());
        assertEquals("Y", field.get("hidden").asText());
    }

    @Test
    void deleteRefusesATableWithDatasetsNotExpired() {
        String table = ecnow.table("Doomed");
        long ds = ecnow.dataset(table, "LIVE");
        ecnow.record(ds, "\"MobilePhone\":\"07700900700\"");

        JsonNode refused = ecnow.write("campaign_tables", "delete",
                "[{\"name\":\"" + table + "\"}]");
        ecnow.write("ecnow_datasets", "update", "[{\"dataset\":" + ds
                + ",\"d_status\":\"EXPIRED\"}]");
        JsonNode deleted = ecnow.write("campaign_tables", "delete",
                "[{\"name\":\"" + table + "\"}]");

        assertEquals("Table [Doomed] has datasets that are not expired.",
                refused.get("error").asText());
        assertEquals(1, deleted.get("total").asInt(), deleted.toString());
        assertEquals(0, ecnow.read("campaign_tables", "name", table).get("total").asInt());
    }
}
