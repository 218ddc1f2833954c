package org.opendialler.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opendialler.reporting.Cdr;
import org.opendialler.reporting.CdrStore;
import org.opendialler.testing.Api;
import org.opendialler.testing.TestServer;
import picocli.CommandLine;

class ExportAndReportCommandTest {

    private static final Instant START = Instant.parse("2026-11-03T09:00:00Z");
    private static TestServer server;
    private static Api api;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        api = server.newCentre("Export");
        api.campaignTable("Exported");
        long ds = api.write("ecnow.php", "ecnow_datasets", "create",
                "[{\"table\":\"Exported\"}]").get("key").asLong();
        api.write("ecnow.php", "ecnow_records", "create", "[{\"dataset\":" + ds
                + ",\"FirstName\":\"Siân, \\\"Jo\\\"\",\"MobilePhone\":\"07700900701\"},"
                + "{\"dataset\":" + ds
                + ",\"FirstName\":\"Ann\",\"HomePhone\":\"0113 496 0701\"}]");
        server.server().database().transaction(dsl -> {
            for (int i = 0; i < 3; i++) {
                Instant init = START.plusSeconds(i * 90L);
                Cdr.Builder cdr = Cdr.builder().ccid(api.ccid).qid(9).qtable("Exported")
                        .qnm("Morning").qtype("outbound").ctype("out").dtype("out")
                        .cres(i == 0 ? "Busy" : "Answered").ddi("+447700900701")
                        .tmInit(init).ring(Duration.ofSeconds(4))
                        .duration(Duration.ofSeconds(20));
                if (i > 0) {
                    cdr.aid(21).anm("Ann").tmAnsw(init.plusSeconds(4));
                }
                CdrStore.insert(dsl, cdr.build());
            }
            return null;
        });
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String run(Object command, String... args) {
        PrintStream old = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            int code = new CommandLine(command).execute(args);
            assertEquals(0, code);
        } finally {
            System.setOut(old);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void exportRecordsWritesEveryRecordAsCsvWithAHeader() throws Exception {
        Path file = dir.resolve("records.csv");

        run(new ExportCommand(n -> TestServer.PASSWORD), "records", "--url", server.baseUrl(),
                "--username", api.username, "--table", "Exported", "--out", file.toString());
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);

        assertEquals(3, lines.size());
        assertTrue(lines.get(0).startsWith("id,datasetid,"), lines.get(0));
        assertTrue(lines.get(1).contains(",\"Siân, \"\"Jo\"\"\","), lines.get(1));
        assertTrue(lines.get(2).contains(",Ann,"), lines.get(2));
    }

    @Test
    void exportCdrWritesTheCallsOfTheRange() throws Exception {
        Path file = dir.resolve("cdr.csv");
        long from = START.getEpochSecond();

        run(new ExportCommand(n -> TestServer.PASSWORD), "cdr", "--url", server.baseUrl(),
                "--username", api.username, "--from", "" + from, "--to", "" + (from + 3600),
                "--fields", "callid,cres", "--out", file.toString());
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);

        assertEquals("callid,cres", lines.get(0));
        assertEquals(List.of("Busy", "Answered", "Answered"),
                lines.subList(1, 4).stream().map(l -> l.split(",")[1]).toList());
    }

    @Test
    void reportPrintsTheCallsReportAsATable() {
        long from = START.getEpochSecond();

        String table = run(new ReportCommand(n -> TestServer.PASSWORD), "--url",
                server.baseUrl(), "--username", api.username, "--groupby", "qnm", "--fields",
                "nc_all,nc_ans", "--from", "" + from, "--to", "" + (from + 3600));

        assertEquals("qnm      nc_all  nc_ans\n"
                + "-------  ------  ------\n"
                + "Morning       3       2\n"
                + "1 row\n", table);
    }
}
