package org.opendialler.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.opendialler.store.Database;
import org.opendialler.tenancy.ApiUser;
import org.opendialler.tenancy.Tenancy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code opendialler user add|list}: API users, straight in the database. */
@Command(name = "user", mixinStandardHelpOptions = true,
        description = "Add or list API users.")
final class UserCommand {

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Add an API user to a contact centre. The password comes from "
                    + "--password-stdin or the variable OPENDIALLER_PASSWORD.")
    int add(@Mixin DatabaseOptions database,
            @Option(names = "--centre", required = true, description = "The centre's ccid.")
            long centre,
            @Option(names = "--username", required = true) String username,
            @Option(names = "--password-stdin",
                    description = "Read the password from the first line of standard input.")
            boolean passwordStdin) throws IOException {
        String password = passwordStdin ? firstLineOfStdin()
                : System.getenv("OPENDIALLER_PASSWORD");
        if (password == null || password.isEmpty()) {
            throw new IllegalArgumentException(
                    "no password: use --password-stdin or set OPENDIALLER_PASSWORD");
        }
        try (Database db = Offline.open(database)) {
            ApiUser user = new Tenancy(db, Clock.systemUTC()).addUser(centre, username, password);
            System.out.println(user.userId());
        }
        return 0;
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List API users: id, ccid, username.")
    int list(@Mixin DatabaseOptions database,
            @Option(names = "--centre", description = "Only this centre's users.") Long centre) {
        try (Database db = Offline.open(database)) {
            for (ApiUser u : new Tenancy(db, Clock.systemUTC()).users(centre)) {
                System.out.printf("%d\t%d\t%s%n", u.userId(), u.ccid(), u.username());
            }
        }
        return 0;
    }

    private static String firstLineOfStdin() throws IOException {
        BufferedReader in = new BufferedReader(
                new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line = in.readLine();
        return line == null ? null : line.stripTrailing();
    }
}
