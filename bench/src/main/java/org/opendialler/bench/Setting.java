package org.opendialler.bench;

import java.util.Locale;

/**
 * How much work each benchmark does. {@code smoke} runs in the build in seconds and proves the
 * benchmarks still work; {@code full} is the size the targets are written for. The read
 * benchmark's are seconds: of each of its rounds, and of its warm-up before them.
 */
public record Setting(String name, int ingestRows, int readSeconds, int readWarmUpSeconds,
        int claimRecords, int claimAgents, int claims, int reportRows, int reportRowsH2) {

    public static final Setting SMOKE = new Setting("smoke", 1_000, 1, 1, 2_000, 200, 500,
            3_000, 3_000);
    public static final Setting MEDIUM = new Setting("medium", 100_000, 5, 30, 200_000, 200,
            50_000, 1_000_000, 200_000);
    public static final Setting FULL = new Setting("full", 1_000_000, 15, 60, 1_000_000, 200,
            200_000, 10_000_000, 1_000_000);

    /** The setting of that name, ignoring case. */
    public static Setting named(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "smoke" -> SMOKE;
            case "medium" -> MEDIUM;
            case "full" -> FULL;
            default -> throw new IllegalArgumentException(
                    "unknown setting " + name + " (smoke, medium, full)");
        };
    }
}
