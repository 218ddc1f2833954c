package org.opendialler.cli;

import java.nio.file.Path;
import org.opendialler.store.DbConfig;
import picocli.CommandLine.Option;

/** Where the data and the database are: shared by every command that opens them. */
final class DatabaseOptions {

    @Option(names = "--data", defaultValue = "${env:OPENDIALLER_DATA:-./data}",
            description = "Data directory: embedded database, token secret, recordings "
                    + "(OPENDIALLER_DATA, default ${DEFAULT-VALUE}).")
    Path data;

    @Option(names = "--db", defaultValue = "${env:OPENDIALLER_DB_URL}",
            description = "JDBC URL of the database; embedded H2 under --data when absent "
                    + "(OPENDIALLER_DB_URL).")
    String dbUrl;

    @Option(names = "--db-user", defaultValue = "${env:OPENDIALLER_DB_USER}",
            description = "Database user (OPENDIALLER_DB_USER).")
    String dbUser;

    @Option(names = "--db-password", defaultValue = "${env:OPENDIALLER_DB_PASSWORD}",
            description = "Database password; prefer the variable OPENDIALLER_DB_PASSWORD.")
    String dbPassword;

    DbConfig dbConfig() {
        if (dbUrl == null || dbUrl.isBlank()) {
            return DbConfig.embedded(data);
        }
        String url = dbUrl.startsWith("jdbc:h2:") && !dbUrl.contains("MODE=")
                ? dbUrl + DbConfig.h2Options() : dbUrl;
        return new DbConfig(url, dbUser, dbPassword, null);
    }
}
