package org.opendialler.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import org.opendialler.store.Database;

/** Opens the database for a command that works on it without a running server. */
final class Offline {

    private Offline() {
    }

    static Database open(DatabaseOptions options) {
        try {
            Files.createDirectories(options.data);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create data directory " + options.data, e);
        }
        return Database.open(options.dbConfig(), null, 2);
    }
}
