package org.opendialler.reporting;

import java.time.Duration;
import java.time.Instant;

/**
 * One agent session, from login to logout, as {@code reporting.php?method=agents} reads it.
 * Instants are null while unset (no logout yet, no call yet); durations are kept in seconds.
 */
public record AgentSession(
        long ccid,
        long aid,
        String anm,
        long tid,
        String tnm,
        Instant login,
        Instant logout,
        Instant firstCall,
        Instant lastCall,
        Duration loggedIn,
        Duration waiting,
        Duration talking,
        Duration wrapping,
        Duration paused,
        long calls) {
}
