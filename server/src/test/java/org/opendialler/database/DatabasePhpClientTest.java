package org.opendialler.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opendialler.testing.Api;
import org.opendialler.testing.TestServer;

/** database.php called as the vendor's PHP wrapper calls it (clients.md). */
class DatabasePhpClientTest {

    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** A POST written by hand as PHP's curl sends it: form Content-Type, empty Expect. */
    private static Api.Response phpPost(Api api, String method, String action, String body) {
        String query = api.phpQuery("database.php", Map.of("method", method, "action", action));
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return api.raw("POST " + query + " HTTP/1.1\r\n"
                + "Content-Type: application/x-www-form-urlencoded\r\nExpect:\r\n"
                + "Content-Length: " + bytes.length + "\r\n\r\n" + body);
    }

    @Test
    void phpWrapperCreatesReadsAndDeletesWithRawJsonBodies() {
        Api api = server.newCentre("PHP");

        JsonNode created = phpPost(api, "outcomecodes", "create",
                "[{\"description\":\"Sold\",\"sale\":\"Y\",\"complete\":\"Y\"}]").json();
        JsonNode all = phpPost(api, "outcomecodes", "read", "[]").json();
        long key = created.get("key").asLong();
        JsonNode deleted = phpPost(api, "outcomecodes", "delete",
                "[{\"outcome\":" + key + "}]").json();

        assertTrue(created.get("success").asBoolean(), created.toString());
        assertEquals(String.valueOf(api.ccid), created.get("account_id").asText());
        assertEquals(14, all.get("total").asInt());
        assertEquals(1, deleted.get("total").asInt());
    }

    @Test
    void phpWrapperReadsWithMultipartFiltersAndTheDefaultQueueFilter() {
        Api api = server.newCentre("PHP");
        api.campaignTable("Willtest");
        long in = DatabaseApiTest.create(api, "queues", "{\"type\":\"inbound\"}");
        long out = DatabaseApiTest.create(api, "queues",
                "{\"type\":\"outbound\",\"table\":\"Willtest\"}");

        Map<String, String> filters = new LinkedHashMap<>();
        filters.put("filter", "NOT IN (999, 505050)");
        JsonNode all = api.readMultipart("database.php", "queues", filters);
        filters.put("table", "Willtest");
        JsonNode byTable = api.readMultipart("database.php", "queues", filters);
        JsonNode injected = api.readMultipart("database.php", "queues",
                Map.of("filter", "1; DROP TABLE x"));

        assertEquals(2, all.get("total").asInt(), all.toString());
        assertEquals("" + out, byTable.get("list").get(0).get("qid").asText());
        assertEquals(1, byTable.get("total").asInt());
        assertEquals("Bad argument: filter", injected.get("error").asText());
        assertTrue(in > 0);
    }

    static byte[] wav(int sampleRate, int samples) {
        int dataBytes = samples * 2;
        ByteBuffer b = ByteBuffer.allocate(44 + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + dataBytes)
                .put("WAVE".getBytes(StandardCharsets.US_ASCII))
                .put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16)
                .putShort((short) 1).putShort((short) 1).putInt(sampleRate)
                .putInt(sampleRate * 2).putShort((short) 2).putShort((short) 16)
                .put("data".getBytes(StandardCharsets.US_ASCII)).putInt(dataBytes);
        return b.array();
    }

    private static JsonNode upload(Api api, String action, String name, byte[] file,
            String transcript) {
        String boundary = "----php" + System.nanoTime();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (transcript != null) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; "
                    + "name=\"transcript\"\r\n\r\n" + transcript + "\r\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; "
                + "name=\"easycall\"; filename=\"" + name + "\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.writeBytes(file);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        String query = "/database.php?method=audio_files&action=" + action
                + "&format=json&token=" + api.token + "&campaign=" + api.ccid;
        return api.post(query, "multipart/form-data; boundary=" + boundary, body.toByteArray())
                .json();
    }

    @Test
    void audioUploadCreatesThenRefusesTheSameNameThenUpdateOverwrites() throws Exception {
        Api api = server.newCentre("Audio");
        byte[] first = wav(8000, 12_000);
        byte[] second = wav(8000, 4_000);

        JsonNode created = upload(api, "create", "welcome.wav", first, "Hello");
        JsonNode again = upload(api, "create", "welcome.wav", second, null);
        JsonNode updated = upload(api, "update", "welcome.wav", second, null);
        JsonNode list = DatabaseApiTest.read(api, "audio_files", Map.of());
        long id = created.get("key").asLong();
        Path stored = server.dataDir().resolve("blobs/audio/" + api.ccid + "/" + id + ".wav");

        assertTrue(created.get("success").asBoolean(), created.toString());
        assertEquals("Filename already exists", again.get("error").asText());
        assertEquals(id, updated.get("key").asLong());
        JsonNode row = list.get("list").get(0);
        assertEquals(1, list.get("total").asInt());
        assertEquals("welcome.wav", row.get("name").asText());
        assertEquals("" + second.length, row.get("size").asText());
        assertEquals("0.5", row.get("duration").asText());
        assertEquals("Hello", row.get("transcript").asText());
        assertEquals(second.length, Files.size(stored));
    }

    @Test
    void audioUploadRefusesWhatIsNotAWaveFileAndDeleteRemovesTheFile() throws Exception {
        Api api = server.newCentre("Audio");
        byte[] notWave = wav(8000, 100);
        notWave[8] = 'X';

        JsonNode refused = upload(api, "create", "bad.wav", notWave, null);
        JsonNode created = upload(api, "create", "ok.wav", wav(16000, 24_000), null);
        JsonNode row = DatabaseApiTest.read(api, "audio_files", Map.of()).get("list").get(0);
        JsonNode deleted = DatabaseApiTest.write(api, "audio_files", "delete",
                "[{\"name\":\"ok.wav\"}]");
        Path stored = server.dataDir().resolve("blobs/audio/" + api.ccid + "/"
                + created.get("key").asLong() + ".wav");

        assertEquals("Bad argument: easycall (not a RIFF/WAVE file)",
                refused.get("error").asText());
        assertEquals("1.5", row.get("duration").asText());
        assertEquals(1, deleted.get("total").asInt());
        assertTrue(Files.notExists(stored));
    }

    @Test
    void anotherCentreNeverSeesAudioFiles() {
        Api a = server.newCentre("Audio A");
        Api b = server.newCentre("Audio B");
        upload(a, "create", "mine.wav", wav(8000, 800), null);

        JsonNode list = DatabaseApiTest.read(b, "audio_files", Map.of());
        JsonNode overwrite = upload(b, "update", "mine.wav", wav(8000, 80), null);
        JsonNode own = upload(b, "create", "mine.wav", wav(8000, 80), null);

        assertEquals(0, list.get("total").asInt());
        assertEquals("No such audio file: mine.wav", overwrite.get("error").asText());
        assertTrue(own.get("success").asBoolean());
        assertEquals("0.1", DatabaseApiTest.read(a, "audio_files", Map.of()).get("list")
                .get(0).get("duration").asText());
    }
}
