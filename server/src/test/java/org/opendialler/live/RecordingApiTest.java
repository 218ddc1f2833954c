package org.opendialler.live;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opendialler.reporting.Cdr;
import org.opendialler.reporting.CdrStore;
import org.opendialler.testing.Api;
import org.opendialler.testing.TestServer;

class RecordingApiTest {

    private static final Instant AT = Instant.parse("2024-05-02T10:00:00Z");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static TestServer server;
    private static Api a;
    private static Api b;
    private static long recorded;
    private static long recordedToo;
    private static long notRecorded;
    private static long flaggedButMissing;
    private static long ofB;
    private static byte[] audio;

    @BeforeAll
    static void start() throws IOException {
        server = TestServer.start();
        server.clock.set(AT);
        a = server.newCentre("Rec A");
        b = server.newCentre("Rec B");
        var dsl = server.server().database().dsl();
        recorded = CdrStore.insert(dsl, cdr(a.ccid, 11, 0, "recorded"));
        notRecorded = CdrStore.insert(dsl, cdr(a.ccid, 12, 60, ""));
        recordedToo = CdrStore.insert(dsl, cdr(a.ccid, 13, 120, "processed,recorded"));
        flaggedButMissing = CdrStore.insert(dsl, cdr(a.ccid, 14, 180, "recorded"));
        ofB = CdrStore.insert(dsl, cdr(b.ccid, 15, 0, "recorded"));
        audio = new byte[5000];
        new Random(7).nextBytes(audio);
        write(a.ccid, recorded, audio);
        write(a.ccid, recordedToo, Arrays.copyOf(audio, 300));
        write(b.ccid, ofB, audio);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Cdr cdr(long ccid, long urn, long offset, String flags) {
        return Cdr.builder().ccid(ccid).qid(700).urn(urn).ctype("out").dtype("out")
                .cres("Answered").flags(flags).tmInit(AT.minusSeconds(3600 - offset))
                .duration(Duration.ofMillis(61_250)).build();
    }

    private static void write(long ccid, long callid, byte[] bytes) throws IOException {
        Path file = Recordings.path(server.dataDir(), ccid, callid);
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
    }

    private static HttpResponse<byte[]> fetch(Api as, long callid, String range)
            throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(as.base
                + "/recording.php?token=" + as.token + "&callid=" + callid));
        if (range != null) {
            r.header("Range", range);
        }
        return HTTP.send(r.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void aRecordingDownloadsAsAWavAttachmentWithItsLength() throws Exception {
        HttpResponse<byte[]> r = fetch(a, recorded, null);

        assertEquals(200, r.statusCode());
        assertEquals("audio/wav", r.headers().firstValue("Content-Type").orElse(""));
        assertEquals("" + audio.length, r.headers().firstValue("Content-Length").orElse(""));
        assertEquals("attachment; filename=\"" + recorded + ".wav\"",
                r.headers().firstValue("Content-Disposition").orElse(""));
        assertArrayEquals(audio, r.body());
    }

    @Test
    void aRangeRequestAnswers206WithThoseBytes() throws Exception {
        HttpResponse<byte[]> r = fetch(a, recorded, "bytes=100-1099");

        assertEquals(206, r.statusCode());
        assertEquals("bytes 100-1099/" + audio.length,
                r.headers().firstValue("Content-Range").orElse(""));
        assertArrayEquals(Arrays.copyOfRange(audio, 100, 1100), r.body());
    }

    @Test
    void anOpenEndedRangeRunsToTheEnd() throws Exception {
        HttpResponse<byte[]> r = fetch(a, recorded, "bytes=4000-");

        assertEquals(206, r.statusCode());
        assertArrayEquals(Arrays.copyOfRange(audio, 4000, audio.length), r.body());
    }

    @Test
    void aSuffixRangeAnswersTheLastBytesAndAnUnsatisfiableOne416() throws Exception {
        HttpResponse<byte[]> suffix = fetch(a, recorded, "bytes=-10");
        HttpResponse<byte[]> beyond = fetch(a, recorded, "bytes=6000-");

        assertEquals(206, suffix.statusCode());
        assertArrayEquals(Arrays.copyOfRange(audio, audio.length - 10, audio.length),
                suffix.body());
        assertEquals(416, beyond.statusCode());
        assertEquals("bytes */" + audio.length,
                beyond.headers().firstValue("Content-Range").orElse(""));
    }

    @Test
    void anotherCentresCallOrAMissingFileIsRecordingNotFound() throws Exception {
        for (long callid : List.of(ofB, notRecorded, flaggedButMissing, 999_999L)) {
            HttpResponse<byte[]> r = fetch(a, callid, null);

            JsonNode answer = new Api.Response(r.statusCode(), "", new String(r.body())).json();
            assertEquals(200, r.statusCode());
            assertEquals("Recording not found", answer.get("error").asText(), "" + callid);
        }
    }

    @Test
    void theListHasTheCallsFlaggedRecordedWithTheirSizes() {
        long from = AT.getEpochSecond() - 7200;
        JsonNode answer = a.read("recording.php", "", java.util.Map.of("action", "list",
                "range", from + ":" + AT.getEpochSecond()));

        JsonNode first = answer.get("list").get(0);
        assertEquals(3, answer.get("total").asInt(), answer.toString());
        assertEquals("" + recorded, first.get("callid").asText());
        assertEquals("11", first.get("urn").asText());
        assertEquals("" + (AT.getEpochSecond() - 3600), first.get("tm_init").asText());
        assertEquals("61.250", first.get("sec_dur").asText());
        assertEquals(audio.length, first.get("size").asInt());
        assertEquals(300, answer.get("list").get(1).get("size").asInt());
        assertEquals("" + flaggedButMissing, answer.get("list").get(2).get("callid").asText());
        assertTrue(answer.get("list").get(2).get("size").isNull());
    }

    @Test
    void theListTakesCdrFiltersAndPagesAndNeedsARange() {
        String range = (AT.getEpochSecond() - 7200) + ":" + AT.getEpochSecond();
        JsonNode byUrn = a.read("recording.php", "", java.util.Map.of("action", "list",
                "range", range, "urn", "13"));
        JsonNode paged = a.read("recording.php", "", java.util.Map.of("action", "list",
                "range", range, "limit", "1", "start", "1"));
        JsonNode noRange = a.read("recording.php", "", java.util.Map.of("action", "list"));
        JsonNode ofB = b.read("recording.php", "", java.util.Map.of("action", "list",
                "range", range));

        assertEquals(1, byUrn.get("total").asInt());
        assertEquals("" + recordedToo, byUrn.get("list").get(0).get("callid").asText());
        assertEquals(3, paged.get("total").asInt());
        assertEquals("" + recordedToo, paged.get("list").get(0).get("callid").asText());
        assertEquals("Bad argument: range", noRange.get("error").asText());
        assertEquals(1, ofB.get("total").asInt());
        assertEquals("" + RecordingApiTest.ofB, ofB.get("list").get(0).get("callid").asText());
    }

    @Test
    void theListAnswersXml() {
        String range = (AT.getEpochSecond() - 7200) + ":" + AT.getEpochSecond();
        Api.Response r = a.get("/recording.php?action=list&format=xml&token=" + a.token
                + "&range=" + range + "&urn=11");

        assertTrue(r.body().contains("<callid>" + recorded + "</callid>"), r.body());
        assertTrue(r.body().contains("<size>5000</size>"), r.body());
    }
}
