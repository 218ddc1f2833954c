package org.opendialler.dialler;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** An agent's state as {@code ajax.php} shows it, plus logged out; guarded transitions. */
public enum AgentState {
    LOGGED_OUT,
    /** Ready: the dialler may give it a call. */
    WAIT,
    CALL,
    /** After a call, until the outcome is set. */
    WRAP,
    PAUSE,
    /** Looking at a claimed record before dialling it (preview mode). */
    PREVIEW;

    /** The state's name on the wire: {@code wait}, {@code call}, ... */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether an agent in this state may move to {@code next}. */
    public boolean canMoveTo(AgentState next) {
        return successors().contains(next);
    }

    /** The states an agent in this state may move to. */
    public Set<AgentState> successors() {
        return switch (this) {
            case LOGGED_OUT -> EnumSet.of(WAIT, PAUSE);
            case WAIT -> EnumSet.of(CALL, PAUSE, PREVIEW, LOGGED_OUT);
            case PREVIEW -> EnumSet.of(CALL, WAIT, PAUSE);
            case CALL -> EnumSet.of(WRAP);
            case WRAP -> EnumSet.of(WAIT, PAUSE);
            case PAUSE -> EnumSet.of(WAIT, LOGGED_OUT);
        };
    }
}
