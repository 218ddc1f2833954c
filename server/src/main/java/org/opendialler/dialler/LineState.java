package org.opendialler.dialler;

import java.util.Locale;

/**
 * What an agent's line holds during a call ({@code call} state): the customer, a third party,
 * or both with one of them on hold. agent.php's park, unpark, unpark_tpt and transfer move it;
 * docs/live.md has the table of which action is allowed in which line state.
 */
public enum LineState {
    /** The agent talks with the customer. */
    TALK,
    /** The customer is on hold; nobody else is on the line. */
    PARKED,
    /** The customer is on hold; the agent calls, or talks with, a third party. */
    CONSULT,
    /** The agent talks with the customer again; the third party is on hold. */
    TPT_PARKED;

    /** The name on the wire: {@code talk}, {@code parked}, {@code consult}, {@code tpt_parked}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
