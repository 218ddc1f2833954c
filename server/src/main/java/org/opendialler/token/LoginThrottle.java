package org.opendialler.token;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts failed logins per source address and per username within a window. After a few
 * failures each further attempt is slowed; after more it is refused until the window passes.
 * Kept in memory per server node: a restart forgets it. Thread-safe.
 */
final class LoginThrottle {

    static final int SLOW_AFTER = 5;
    static final int REFUSE_AFTER = 10;
    static final Duration WINDOW = Duration.ofMinutes(15);
    private static final long DELAY_STEP_MS = 250;
    private static final long MAX_DELAY_MS = 2_000;

    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();
    private final Clock clock;

    LoginThrottle(Clock clock) {
        this.clock = clock;
    }

    /** Whether attempts from this address or for this user are refused for now. */
    boolean refused(String ip, String username) {
        return count("ip:" + ip) >= REFUSE_AFTER || count("user:" + username) >= REFUSE_AFTER;
    }

    /** How long to hold an attempt before answering it. */
    long delayMillis(String ip, String username) {
        int worst = Math.max(count("ip:" + ip), count("user:" + username));
        if (worst < SLOW_AFTER) {
            return 0;
        }
        return Math.min(MAX_DELAY_MS, (worst - SLOW_AFTER + 1) * DELAY_STEP_MS);
    }

    void failed(String ip, String username) {
        Instant now = clock.instant();
        record("ip:" + ip, now);
        record("user:" + username, now);
    }

    void succeeded(String ip, String username) {
        failures.remove("user:" + username);
        failures.remove("ip:" + ip);
    }

    private void record(String key, Instant now) {
        failures.compute(key, (k, times) -> {
            Deque<Instant> kept = times == null ? new ArrayDeque<>() : times;
            kept.addLast(now);
            while (kept.size() > REFUSE_AFTER * 2) {
                kept.removeFirst();
            }
            return kept;
        });
    }

    private int count(String key) {
        Instant since = clock.instant().minus(WINDOW);
        Deque<Instant> times = failures.computeIfPresent(key, (k, kept) -> {
            kept.removeIf(t -> t.isBefore(since));
            return kept.isEmpty() ? null : kept;
        });
        return times == null ? 0 : times.size();
    }
}
