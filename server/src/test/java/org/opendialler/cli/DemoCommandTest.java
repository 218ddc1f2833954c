package org.opendialler.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opendialler.server.OpenDiallerServer;
import org.opendialler.server.ServerConfig;
import org.opendialler.testing.Api;
import org.opendialler.testing.SharedFiles;
import picocli.CommandLine;

class DemoCommandTest {

    @TempDir
    Path data;

    @Test
    void demoRunsItsDayToTheEndAndEveryCountedCallHasACdrOverTheApi() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        DemoCommand demo = new DemoCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        int code = new CommandLine(demo).execute("--data", data.toString(), "--port", "0",
                "--host", "127.0.0.1", "--exit-when-done", "--speed", "100000", "--agents", "3",
                "--leads", SharedFiles.leadsSample().toString(), "--hours", "1");

        String printed = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        DemoCommand.Summary s = demo.summary();
        assertTrue(printed.contains("username: " + s.username() + "\n"), printed);
        assertTrue(printed.contains("password: " + s.password() + "\n"), printed);
        assertTrue(printed.contains("Demo done"), printed);
        assertTrue(s.placed() > 0, "no calls placed");
        Path own;
        try (var dirs = Files.list(data)) {
            own = dirs.filter(d -> d.getFileName().toString().startsWith("demo-")).findFirst()
                    .orElseThrow();
        }
        try (OpenDiallerServer again = OpenDiallerServer.start(ServerConfig.defaults(own)
                .withPort(0).withHost("127.0.0.1"))) {
            Api api = new Api(again.baseUrl(), s.ccid(), s.username(), s.password());
            api.login();
            long from = s.dayStart().getEpochSecond() - 60;
            JsonNode cdrs = api.get("/reporting.php?method=cdr&format=json&fields=callid,ocid"
                    + "&limit=1&range=" + from + ":" + (from + 86_400) + "&token=" + api.token)
                    .json();
            assertEquals(s.placed(), cdrs.get("total").asLong(), cdrs.toString());
        }
    }
}
