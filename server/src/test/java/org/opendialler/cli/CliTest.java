package org.opendialler.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opendialler.server.OpenDiallerServer;
import org.opendialler.server.ServerConfig;
import org.opendialler.testing.Api;

class CliTest {

    @TempDir
    Path data;

    /** Runs the command line in this process; answers its exit code and what it printed. */
    private record Run(int code, String out, String err) {
    }

    private Run run(String stdin, String... args) {
        PrintStream oldOut = System.out;
        InputStream oldIn = System.in;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
            var cli = Main.commandLine(args);
            cli.setErr(new java.io.PrintWriter(err, true, StandardCharsets.UTF_8));
            int code = cli.execute(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8),
                    err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setIn(oldIn);
        }
    }

    @Test
    void centreAddPrintsTheNewCcidAndUserAddMakesAUserWhoCanGetAToken() {
        String dir = data.toString();

        Run centre = run("", "centre", "add", "--data", dir, "--name", "Acme Leeds",
                "--timezone", "Europe/London", "--country", "gb");
        long ccid = Long.parseLong(centre.out().trim());
        Run user = run("correct horse battery\n", "user", "add", "--data", dir, "--centre",
                String.valueOf(ccid), "--username", "acme", "--password-stdin");
        Run centres = run("", "centre", "list", "--data", dir);
        Run users = run("", "user", "list", "--data", dir);

        assertEquals(0, centre.code(), centre.err());
        assertEquals(0, user.code(), user.err());
        assertEquals(ccid + "\tAcme Leeds\tEurope/London\tGB\n", centres.out());
        assertTrue(users.out().endsWith("\t" + ccid + "\tacme\n"), users.out());
        try (OpenDiallerServer server = OpenDiallerServer.start(
                ServerConfig.defaults(data).withPort(0).withHost("127.0.0.1"))) {
            Api api = new Api(server.baseUrl(), ccid, "acme", "correct horse battery");
            api.login();
            assertTrue(api.token.matches("[0-9a-f]{40}"));
        }
    }

    @Test
    void badInputIsAClearErrorAndExitCode2() {
        String dir = data.toString();

        Run zone = run("", "centre", "add", "--data", dir, "--name", "X", "--timezone",
                "Mars/Olympus");
        Run noPassword = run("", "user", "add", "--data", dir, "--centre", "100",
                "--username", "someone");
        Run noCentre = run("long enough password\n", "user", "add", "--data", dir,
                "--centre", "999", "--username", "someone", "--password-stdin");

        assertEquals(List.of(2, 2, 2), List.of(zone.code(), noPassword.code(), noCentre.code()));
        assertEquals("opendialler: unknown time zone: Mars/Olympus\n", zone.err());
        assertTrue(noPassword.err().contains("no password"), noPassword.err());
        assertEquals("opendialler: no contact centre with id 999\n", noCentre.err());
    }

    @Test
    void theHelpListsEveryCommandButTheHiddenWarmUpAndAnUnknownOneIsRefused() {
        Run help = run("", "--help");
        Run unknown = run("", "serve-me");

        assertEquals(0, help.code(), help.err());
        for (String command : List.of("serve", "demo", "centre", "user", "export", "import",
                "report", "help")) {
            assertTrue(help.out().contains("\n  " + command + " "), help.out());
        }
        assertFalse(help.out().contains("warm-up"), help.out());
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().contains("serve-me"), unknown.err());
    }

    @Test
    void theWarmUpRunAsksAServerOfItsOwnAndSucceeds() {
        Run warmUp = run("", "warm-up");

        assertEquals(0, warmUp.code(), warmUp.err());
        assertEquals("", warmUp.out());
    }

    @Test
    void theEmbeddedDatabaseIsAFileUnderTheDataDirectory() {
        run("", "centre", "add", "--data", data.toString(), "--name", "Files");

        assertTrue(Files.exists(data.resolve("opendialler.mv.db")));
    }

    @Test
    void serveTakesTheTokenLifetimeFromItsFlagAndRefusesLessThanASecond() {
        String dir = data.toString();
        ServeCommand serve = Main.commandLine().parseArgs("serve", "--data", dir,
                "--token-lifetime", "60").subcommand().commandSpec().commandLine().getCommand();

        ServerConfig config = serve.http.config(serve.database);
        Run zero = run("", "serve", "--data", dir, "--token-lifetime", "0");
        Run words = run("", "serve", "--data", dir, "--token-lifetime", "an hour");

        assertEquals(Duration.ofSeconds(60), config.tokenLifetime());
        assertEquals(2, zero.code());
        assertEquals("opendialler: --token-lifetime must be at least 1 second\n", zero.err());
        assertEquals(2, words.code());
        assertTrue(words.err().contains("--token-lifetime"), words.err());
    }
}
