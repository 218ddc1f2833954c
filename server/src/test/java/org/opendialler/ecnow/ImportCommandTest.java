package org.opendialler.ecnow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opendialler.cli.ImportCommand;
import org.opendialler.cli.Main;
import org.opendialler.testing.Api;
import org.opendialler.testing.SharedFiles;
import org.opendialler.testing.TestServer;
import picocli.CommandLine;

class ImportCommandTest {

    private static final Path LEADS = SharedFiles.leadsSample();

    private static TestServer server;
    private static Api api;
    private static Ecnow ecnow;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        api = server.newCentre("Import");
        ecnow = new Ecnow(api);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** The file's rows, read here with a plain rule independent of the server's reader. */
    private static List<List<String>> rowsOf(Path file) throws Exception {
        String text = Files.readString(file, StandardCharsets.UTF_8).replace("\uFEFF", "");
        CsvMapper mapper = CsvMapper.builder().enable(CsvParser.Feature.WRAP_AS_ARRAY).build();
        List<List<String>> rows = new ArrayList<>();
        try (MappingIterator<List<String>> it = mapper.readerForListOf(String.class)
                .with(CsvSchema.emptySchema()).readValues(text)) {
            it.forEachRemaining(rows::add);
        }
        return rows;
    }

    private static boolean usable(String number) {
        if (number.isBlank()) {
            return false;
        }
        PhoneNumberUtil util = PhoneNumberUtil.getInstance();
        try {
            return util.isPossibleNumber(util.parse(number, "GB"));
        } catch (NumberParseException e) {
            return false;
        }
    }

    private static int run(Path file, String table, long dataset, PrintStream out) {
        PrintStream old = System.out;
        System.setOut(out);
        try {
            return new CommandLine(new ImportCommand(name -> TestServer.PASSWORD)).execute(
                    "--url", api.base + "/api/", "--username", api.username, "--table", table,
                    "--dataset", String.valueOf(dataset), file.toString());
        } finally {
            System.setOut(old);
        }
    }

    /** What the command said and answered, run with the error handling of {@code main}. */
    private record Run(int code, String out, String err) {
    }

    private static Run runAsMain(Path file, String table, long dataset) {
        CommandLine cli = new CommandLine(new ImportCommand(name -> TestServer.PASSWORD));
        cli.setExecutionExceptionHandler(Main.commandLine().getExecutionExceptionHandler());
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err, true));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream old = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            int code = cli.execute("--url", api.base, "--username", api.username,
                    "--table", table, "--dataset", String.valueOf(dataset), file.toString());
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString());
        } finally {
            System.setOut(old);
        }
    }

    @Test
    void theDatasetMustBelongToTheTableBeforeAnythingLoads() throws Exception {
        String target = ecnow.table("Target");
        String elsewhere = ecnow.table("Elsewhere");
        long wrongTable = ecnow.dataset(elsewhere, "HOLD");
        long right = ecnow.dataset(target, "HOLD");
        Ecnow otherCentre = new Ecnow(server.newCentre("Other centre"));
        long foreign = otherCentre.dataset(otherCentre.table("Target"), "HOLD");
        Path file = Files.createTempDirectory("target").resolve("target.csv");
        Files.writeString(file, "FirstName,MobilePhone\nAna,07700900801\nBo,nope\n",
                StandardCharsets.UTF_8);

        Run wrong = runAsMain(file, "Target", wrongTable);
        Run missing = runAsMain(file, "Target", foreign);
        boolean badFileAfterRefusals = Files.exists(file.resolveSibling("target.csv.bad.csv"));
        Run anyCase = runAsMain(file, "tARGET", right);

        assertEquals(2, wrong.code());
        assertEquals("opendialler: Dataset [" + wrongTable + "] is in table [Elsewhere], not "
                + "[Target]; nothing was loaded", wrong.err().strip());
        assertEquals("", wrong.out());
        assertEquals(0, ecnow.records("dataset", wrongTable).get("total").asInt());
        assertEquals(2, missing.code());
        assertEquals("opendialler: Dataset [" + foreign + "] does not exist; nothing was loaded",
                missing.err().strip());
        assertEquals(0, otherCentre.records("dataset", foreign).get("total").asInt());
        assertFalse(badFileAfterRefusals);
        assertEquals(0, anyCase.code(), anyCase.err());
        assertEquals(List.of("good: 1", "bad: 1"), anyCase.out().lines().limit(2).toList());
        assertEquals(1, ecnow.records("dataset", right).get("total").asInt());
    }

    @Test
    void leadsFileLoadsEveryGoodRowAndReportsEveryBadOne() throws Exception {
        String table = ecnow.table("Leads");
        long ds = ecnow.dataset(table, "HOLD");
        Path file = Files.createTempDirectory("leads").resolve("leads.csv");
        Files.copy(LEADS, file);
        List<List<String>> rows = rowsOf(file);
        List<String> header = rows.get(0);
        List<List<String>> good = new ArrayList<>();
        for (List<String> row : rows.subList(1, rows.size())) {
            boolean ok = usable(row.get(header.indexOf("HomePhone")))
                    || usable(row.get(header.indexOf("WorkPhone")))
                    || usable(row.get(header.indexOf("MobilePhone")));
            if (ok) {
                good.add(row);
            }
        }
        int bad = rows.size() - 1 - good.size();
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        int code = run(file, table, ds, new PrintStream(out, true, StandardCharsets.UTF_8));

        assertEquals(0, code);
        assertEquals("good: " + good.size() + "\nbad: " + bad + "\n",
                out.toString(StandardCharsets.UTF_8).lines().limit(2)
                        .reduce("", (a, b) -> a + b + "\n"));
        List<List<String>> badRows = rowsOf(file.resolveSibling("leads.csv.bad.csv"));
        assertEquals(bad, badRows.size() - 1);
        badRows.subList(1, badRows.size()).forEach(r ->
                assertEquals("No valid phone number", r.get(r.size() - 1)));
        JsonNode list = ecnow.records("dataset", ds, "limit", rows.size()).get("list");
        assertEquals(good.size(), list.size());
        for (int i = 0; i < good.size(); i++) {
            for (int c = 0; c < header.size(); c++) {
                String expected = good.get(i).get(c);
                String field = header.get(c);
                if (expected.isEmpty() && field.equals("callback")) {
                    expected = "0000-00-00 00:00:00";
                }
                assertEquals(expected, list.get(i).get(field).asText(), "row " + i + " " + field);
            }
        }
    }

    @Test
    void semicolonSeparatedCrlfFileWithoutBomLoads() throws Exception {
        String table = ecnow.table("Semi");
        long ds = ecnow.dataset(table, "HOLD");
        Path file = Files.createTempDirectory("semi").resolve("semi.csv");
        Files.writeString(file, "FirstName;LastName;MobilePhone\r\n"
                + "Ana;\"Smith; Jr\";07700900800\r\n\"Bo \"\"B\"\"\";Lee;nope\r\n",
                StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        run(file, table, ds, new PrintStream(out, true, StandardCharsets.UTF_8));

        assertEquals(List.of("good: 1", "bad: 1"),
                out.toString(StandardCharsets.UTF_8).lines().limit(2).toList());
        assertEquals("Smith; Jr", ecnow.records("dataset", ds).get("list").get(0)
                .get("LastName").asText());
        assertEquals(List.of("Bo \"B\"", "Lee", "nope", "No valid phone number"),
                rowsOf(file.resolveSibling("semi.csv.bad.csv")).get(1));
    }
}
