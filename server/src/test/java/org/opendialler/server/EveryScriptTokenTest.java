package org.opendialler.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opendialler.testing.Api;
import org.opendialler.testing.TestServer;

/** Every script that takes a token refuses a missing, wrong or expired one the same way. */
class EveryScriptTokenTest {

    private static TestServer server;
    private static List<String> scripts;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        scripts = server.server().scriptNames().stream()
                .filter(s -> !s.equals("token.php")).toList();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void theServerHasMoreThanTheTokenScript() {
        assertTrue(scripts.containsAll(List.of("ecnow.php", "database.php", "reporting.php")),
                scripts.toString());
    }

    @Test
    void aMissingOrUnknownTokenIsInvalidEverywhere() {
        Api api = server.newCentre("Nobody");
        for (String script : scripts) {
            String missing = api.get("/" + script + "?method=x&action=read&format=json").body();
            String unknown = api.get("/" + script + "?method=x&action=read&format=json&token="
                    + "0".repeat(40)).body();

            assertEquals("{\"success\":false,\"error\":\"Invalid token\"}", missing, script);
            assertEquals("{\"success\":false,\"error\":\"Invalid token\"}", unknown, script);
        }
    }

    @Test
    void anExpiredTokenAnswersExpireMinusOneEverywhere() {
        Api api = server.newCentre("Expired everywhere");
        server.clock.advance(Duration.ofSeconds(43_200));
        for (String script : scripts) {
            String answer = api.get("/" + script + "?method=x&action=read&format=json&token="
                    + api.token).body();

            assertEquals("{\"success\":false,\"error\":\"Expired token\",\"expire\":-1}", answer,
                    script);
        }
    }

    @Test
    void aValidTokenReachesEveryScriptsMethodTable() {
        Api api = server.newCentre("Valid");
        for (String script : scripts) {
            String answer = api.get("/" + script + "?method=no_such_method&action=read"
                    + "&format=json&token=" + api.token).body();

            assertTrue(answer.startsWith("{\"success\":false,\"account_id\":\"" + api.ccid
                    + "\",\"error\":\""), script + " " + answer);
        }
    }
}
