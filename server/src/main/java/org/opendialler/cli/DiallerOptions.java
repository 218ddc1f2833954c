package org.opendialler.cli;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import org.opendialler.dialler.EngineSettings;
import picocli.CommandLine.Option;

/** The options of the dialler engine, shared by {@code serve} and {@code demo}. */
final class DiallerOptions {

    @Option(names = "--dialler", defaultValue = "${env:OPENDIALLER_DIALLER:-false}",
            description = "Run the dialler: every live outbound queue with a caller id is "
                    + "dialled on the simulated carrier (OPENDIALLER_DIALLER).")
    boolean enabled;

    @Option(names = "--speed", defaultValue = "${env:OPENDIALLER_SPEED:-1}",
            description = "Virtual seconds per wall second of the simulation (OPENDIALLER_SPEED, "
                    + "default ${DEFAULT-VALUE}).")
    double speed;

    @Option(names = "--seed", defaultValue = "1",
            description = "Seed of the simulated carrier and agents (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--node", defaultValue = "${env:OPENDIALLER_NODE:-local}",
            description = "This server's name on claims and open calls; unique per server "
                    + "sharing one database (OPENDIALLER_NODE, default ${DEFAULT-VALUE}).")
    String node;

    @Option(names = "--start", defaultValue = "${env:OPENDIALLER_START}",
            description = "Virtual time the simulation starts at, ISO-8601 with an offset "
                    + "(2026-12-03T09:00:00Z, 2026-12-03T09:00+01:00); default now "
                    + "(OPENDIALLER_START).")
    String start;

    EngineSettings settings() {
        EngineSettings settings = EngineSettings.defaults().withScale(speed).withSeed(seed)
                .withNode(node);
        return start == null || start.isBlank() ? settings : settings.withStart(startInstant());
    }

    private Instant startInstant() {
        try {
            return OffsetDateTime.parse(start.trim()).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("--start must be an ISO-8601 date and time with "
                    + "an offset, such as 2026-12-03T09:00:00Z: " + start);
        }
    }
}
