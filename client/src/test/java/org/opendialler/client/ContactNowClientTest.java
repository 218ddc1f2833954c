package org.opendialler.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ContactNowClientTest {

    private HostedLikeServer hosted;
    private ContactNowClient client;

    @BeforeEach
    void start() throws Exception {
        hosted = new HostedLikeServer();
        client = ContactNowClient.builder().baseUrl(hosted.base())
                .credentials("user", "pass").build();
    }

    @AfterEach
    void stop() {
        hosted.close();
    }

    private static String xmlRecords(int n) {
        StringBuilder rows = new StringBuilder();
        for (int i = 1; i <= n; i++) {
            rows.append("<ecnow_records><id>").append(i).append("</id><FirstName>Zoë ")
                    .append(i).append("</FirstName><notes/></ecnow_records>");
        }
        return "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><result><success>1</success>"
                + "<total>" + n + "</total><list>" + rows + "</list></result>";
    }

    @Test
    void oneTokenServesManyCalls() {
        hosted.answers.put("ecnow.php", s -> xmlRecords(1));

        for (int i = 0; i < 3; i++) {
            client.records().read(new RecordQuery().table("Willtest"));
        }

        assertEquals(1, hosted.logins.get());
        assertEquals(Set.of(String.format("%040x", 1)), hosted.seen.stream()
                .filter(s -> s.script().equals("ecnow.php"))
                .map(s -> s.query().get("token")).collect(java.util.stream.Collectors.toSet()));
    }

    @Test
    void xmlAnswersWithStringValuesAreReadLikeJson() {
        hosted.answers.put("ecnow.php", s -> xmlRecords(2));

        Page page = client.records().read(new RecordQuery().table("Willtest"));

        assertEquals(2, page.total());
        assertEquals(List.of("1", "2"), page.rows().stream().map(r -> r.get("id")).toList());
        assertEquals("Zoë 2", page.rows().get(1).get("FirstName"));
        assertEquals("", page.rows().get(0).get("notes"));
    }

    @Test
    void aOneRowXmlListIsStillAList() {
        hosted.answers.put("ecnow.php", s -> xmlRecords(1));

        Page page = client.records().read(new RecordQuery().table("Willtest"));

        assertEquals(1, page.rows().size());
        assertEquals("1", page.rows().get(0).get("id"));
    }

    @Test
    void successAsOneAndCountsAsStringsAreUnderstood() {
        hosted.answers.put("ecnow.php", s ->
                "{\"success\":1,\"total\":\"1\",\"bad\":\"0\",\"key\":\"2499265\","
                        + "\"info\":\"Record NOT live on the dialer.\"}");

        WriteResult result = client.records().create(List.of(Map.of("dataset", 3,
                "MobilePhone", "07700900123")));

        assertEquals(new WriteResult(1, 0, 2499265L, List.of(2499265L), List.of(),
                "Record NOT live on the dialer."), result);
    }

    @Test
    void anExpiredTokenMidBatchIsRenewedAndTheBatchSentOnceMore() {
        Map<String, Integer> usesPerToken = new ConcurrentHashMap<>();
        AtomicInteger written = new AtomicInteger();
        hosted.answers.put("ecnow.php", s -> {
            int uses = usesPerToken.merge(s.query().get("token"), 1, Integer::sum);
            if (uses > 2) {
                return "{\"success\":false,\"error\":\"Expired token\",\"expire\":-1}";
            }
            written.incrementAndGet();
            return "{\"success\":true,\"total\":1,\"bad\":0,\"key\":" + written.get() + "}";
        });
        List<Map<String, Object>> rows = IntStream.range(0, 5)
                .mapToObj(i -> Map.<String, Object>of("dataset", 3, "HomePhone",
                        "0113496050" + i)).toList();

        List<WriteResult> results = client.records().create(rows, 1);

        assertEquals(5, results.stream().mapToInt(WriteResult::total).sum());
        assertEquals(5, written.get());
        assertEquals(3, hosted.logins.get());
    }

    @Test
    void unknownTokenIsTreatedLikeExpired() {
        AtomicInteger calls = new AtomicInteger();
        hosted.answers.put("database.php", s -> calls.incrementAndGet() == 1
                ? "{\"success\":false,\"error\":\"Unknown token\"}"
                : "{\"success\":true,\"total\":0,\"list\":[]}");

        Page page = client.queues().read();

        assertEquals(0, page.total());
        assertEquals(2, hosted.logins.get());
    }

    @Test
    void theTokenIsRenewedShortlyBeforeItExpires() {
        long expire = System.currentTimeMillis() / 1000 + 43_199;
        Clock late = Clock.fixed(Instant.ofEpochSecond(expire - 30), ZoneOffset.UTC);
        ContactNowClient lateClient = ContactNowClient.builder().baseUrl(hosted.base())
                .credentials("user", "pass").clock(late).build();
        hosted.answers.put("ecnow.php", s -> xmlRecords(1));

        lateClient.records().read(new RecordQuery().table("T"));
        lateClient.records().read(new RecordQuery().table("T"));

        assertEquals(2, hosted.logins.get());
    }

    @Test
    void anErrorAnswerBecomesAnExceptionCarryingTheError() {
        hosted.answers.put("ecnow.php", s -> "{\"success\":false,\"error\":\"Access denied\"}");

        ContactNowException e = assertThrows(ContactNowException.class,
                () -> client.records().read(new RecordQuery().table("T")));

        assertEquals("Access denied", e.error());
    }

    @Test
    void aWriteWithEveryRowRefusedCarriesThePerRowErrors() {
        hosted.answers.put("ecnow.php", s -> "{\"success\":true,\"total\":0,\"bad\":2,"
                + "\"error\":\"No valid phone number\",\"errors\":[{\"index\":0,\"error\":"
                + "\"No valid phone number\"},{\"index\":1,\"error\":\"Unknown field [x]\"}]}");

        ContactNowException e = assertThrows(ContactNowException.class,
                () -> client.records().create(List.of(Map.of("dataset", 1), Map.of("x", 1))));

        assertEquals(List.of(new RowError(0, "No valid phone number"),
                new RowError(1, "Unknown field [x]")), e.rowErrors());
    }

    @Test
    void readsAreRetriedAfterAConnectionFailureButWritesAreNot() {
        AtomicInteger reads = new AtomicInteger();
        hosted.answers.put("ecnow.php", s -> {
            if (s.query().get("action").equals("create")) {
                return null;
            }
            return reads.incrementAndGet() == 1 ? null : xmlRecords(1);
        });

        Page page = client.records().read(new RecordQuery().table("T"));
        assertThrows(ContactNowException.class,
                () -> client.records().create(List.of(Map.of("dataset", 1))));

        assertEquals(1, page.total());
        assertEquals(1, hosted.seen.stream()
                .filter(s -> "create".equals(s.query().get("action"))).count());
    }

    @Test
    void click2dialIsNeverSentTwiceAfterAConnectionFailure() {
        hosted.answers.put("click2dial.php", s -> null);

        assertThrows(ContactNowException.class,
                () -> client.click2dial(7, "07700900123", Map.of()));

        assertEquals(1, requests("click2dial.php"));
    }

    @Test
    void agentActionsAreNeverSentTwiceAfterAConnectionFailureStateIncluded() {
        hosted.answers.put("agent.php", s -> null);

        assertThrows(ContactNowException.class,
                () -> client.agentActions().act("agent_dial", 5, Map.of()));
        assertThrows(ContactNowException.class, () -> client.agentActions().state(5));

        assertEquals(2, requests("agent.php"));
    }

    @Test
    void liveAndReportingReadsAreRetriedAfterAConnectionFailure() {
        AtomicInteger ajax = new AtomicInteger();
        hosted.answers.put("ajax.php", s -> ajax.incrementAndGet() < 3 ? null
                : "{\"success\":true,\"total\":0,\"list\":[]}");

        Page calls = client.live().calls(Map.of());

        assertEquals(0, calls.total());
        assertEquals(3, requests("ajax.php"));
    }

    @Test
    void anExpiredTokenOnADownloadIsRenewedAndTheDownloadRepeatedOnce() {
        byte[] audio = {'R', 'I', 'F', 'F', 0, 1, 2, (byte) 0xFF};
        hosted.files.put("recording.php", s -> s.query().get("token")
                .equals(String.format("%040x", 1)) ? null
                : new HostedLikeServer.File("audio/wav", audio));
        hosted.answers.put("recording.php", s ->
                "{\"success\":false,\"error\":\"Expired token\",\"expire\":-1}");
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();

        long size = client.downloadRecording(42, out);

        assertEquals(audio.length, size);
        org.junit.jupiter.api.Assertions.assertArrayEquals(audio, out.toByteArray());
        assertEquals(2, hosted.logins.get());
        assertEquals(List.of(String.format("%040x", 1), String.format("%040x", 2)),
                hosted.seen.stream().filter(s -> s.script().equals("recording.php"))
                        .map(s -> s.query().get("token")).toList());
    }

    @Test
    void aDownloadStillRefusedAfterRenewalIsAnErrorNotAThirdAttempt() {
        hosted.answers.put("recording.php", s -> "{\"success\":false,\"error\":"
                + "\"Expired token\",\"expire\":-1}");

        ContactNowException e = assertThrows(ContactNowException.class,
                () -> client.downloadRecording(42, new java.io.ByteArrayOutputStream()));

        assertEquals("Expired token", e.error());
        assertEquals(2, requests("recording.php"));
    }

    @Test
    void anAudioUploadOfAnExistingNameIsSentAgainAsAnUpdate() {
        hosted.answers.put("database.php", s -> s.query().get("action").equals("create")
                ? "{\"success\":false,\"error\":\"Filename already exists\"}"
                : "{\"success\":true,\"total\":1,\"bad\":0,\"key\":\"31\"}");
        byte[] wav = {'R', 'I', 'F', 'F', 9, 8, 7};

        WriteResult result = client.audioFiles().upload("welcome.wav", wav, "Hello");

        assertEquals(Long.valueOf(31), result.key());
        List<HostedLikeServer.Seen> sent = hosted.seen.stream()
                .filter(s -> s.script().equals("database.php")).toList();
        assertEquals(List.of("create", "update"), sent.stream()
                .map(s -> s.query().get("action")).toList());
        for (HostedLikeServer.Seen s : sent) {
            assertEquals("audio_files", s.query().get("method"));
            assertEquals("Hello", s.query().get("transcript"));
            assertTrue(s.contentType().startsWith("multipart/form-data; boundary="));
            assertTrue(s.body().contains("Content-Disposition: form-data; name=\"easycall\"; "
                    + "filename=\"welcome.wav\"\r\nContent-Type: audio/wav\r\n\r\n"
                    + new String(wav, java.nio.charset.StandardCharsets.ISO_8859_1) + "\r\n"),
                    s.body());
        }
    }

    @Test
    void eightThreadsSharingOneClientLogInOnce() throws Exception {
        hosted.answers.put("database.php", s -> "{\"success\":true,\"total\":0,\"list\":[]}");
        java.util.concurrent.ExecutorService pool =
                java.util.concurrent.Executors.newFixedThreadPool(8);
        java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(8);
        try {
            List<java.util.concurrent.Future<Page>> pages = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) {
                pages.add(pool.submit(() -> {
                    together.await();
                    return client.queues().read();
                }));
            }
            for (var page : pages) {
                assertEquals(0, page.get().total());
            }
        } finally {
            pool.shutdownNow();
        }

        assertEquals(1, hosted.logins.get());
        assertEquals(1, requests("token.php"));
        assertEquals(8, requests("database.php"));
    }

    private long requests(String script) {
        return hosted.seen.stream().filter(s -> s.script().equals(script)).count();
    }

    @Test
    void hostedBaseUrlsAreTheRegionalOnes() {
        assertEquals("https://api-106.dxi.eu/", ContactNowClient.HOSTED_UK.toString());
        assertEquals("https://api.contactnow.8x8.com/api/",
                ContactNowClient.HOSTED_US.toString());
    }
}
