package org.opendialler.dialler;

import java.time.Duration;
import java.time.Instant;

/**
 * How the dialler engine runs.
 *
 * @param scale virtual seconds per wall second (1 with a real PBX; the demo runs faster)
 * @param seed the seed of the simulated carriers and agents: one seed, one run
 * @param start the virtual time the engine starts at, or null for the server clock's now
 * @param shift how long simulated agents stay logged in after their queue starts
 * @param node this server's name on leases and open calls; unique among nodes sharing a database
 * @param lease how long a claim lives without renewal (the dialler renews every minute)
 * @param rescan how often live queues are looked for, virtual time
 * @param realTime whether a wall-clock driver runs the scheduler (tests step it instead)
 */
public record EngineSettings(double scale, long seed, Instant start, Duration shift,
        String node, Duration lease, Duration rescan, boolean realTime) {

    public EngineSettings {
        if (!(scale > 0)) {
            throw new IllegalArgumentException("speed must be positive: " + scale);
        }
        if (node == null || node.isBlank() || node.length() > 64) {
            throw new IllegalArgumentException("node name must be 1 to 64 characters");
        }
    }

    /** Real time from now, 8-hour shifts, 5-minute leases, node {@code local}. */
    public static EngineSettings defaults() {
        return new EngineSettings(1, 1, null, Duration.ofHours(8), "local",
                Duration.ofMinutes(5), Duration.ofSeconds(30), true);
    }

    public EngineSettings withScale(double value) {
        return new EngineSettings(value, seed, start, shift, node, lease, rescan, realTime);
    }

    public EngineSettings withSeed(long value) {
        return new EngineSettings(scale, value, start, shift, node, lease, rescan, realTime);
    }

    public EngineSettings withStart(Instant value) {
        return new EngineSettings(scale, seed, value, shift, node, lease, rescan, realTime);
    }

    public EngineSettings withShift(Duration value) {
        return new EngineSettings(scale, seed, start, value, node, lease, rescan, realTime);
    }

    public EngineSettings withNode(String value) {
        return new EngineSettings(scale, seed, start, shift, value, lease, rescan, realTime);
    }

    public EngineSettings withRealTime(boolean value) {
        return new EngineSettings(scale, seed, start, shift, node, lease, rescan, value);
    }
}
