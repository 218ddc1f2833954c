package org.opendialler.cli;

import java.time.Clock;
import org.opendialler.store.Database;
import org.opendialler.tenancy.Centre;
import org.opendialler.tenancy.Tenancy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code opendialler centre add|list}: contact centres, straight in the database. */
@Command(name = "centre", mixinStandardHelpOptions = true,
        description = "Add or list contact centres.")
final class CentreCommand {

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Add a contact centre and print its id (ccid).")
    int add(@Mixin DatabaseOptions database,
            @Option(names = "--name", required = true, description = "Its name.") String name,
            @Option(names = "--timezone", defaultValue = "Europe/London",
                    description = "Its time zone (default ${DEFAULT-VALUE}).") String timezone,
            @Option(names = "--country", defaultValue = "GB",
                    description = "Default country of phone numbers written without one "
                            + "(default ${DEFAULT-VALUE}).") String country) {
        try (Database db = Offline.open(database)) {
            Centre centre = new Tenancy(db, Clock.systemUTC()).addCentre(name, timezone, country);
            System.out.println(centre.ccid());
        }
        return 0;
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List contact centres: ccid, name, time zone, country.")
    int list(@Mixin DatabaseOptions database) {
        try (Database db = Offline.open(database)) {
            for (Centre c : new Tenancy(db, Clock.systemUTC()).centres()) {
                System.out.printf("%d\t%s\t%s\t%s%n", c.ccid(), c.name(), c.zone(), c.country());
            }
        }
        return 0;
    }
}
