package org.opendialler.dialler;

/** How a queue paces its calls ({@code dial_mode}). */
public enum DialMode {
    /** The agent asks for the next record and dials it. */
    PREVIEW,
    /** One call per waiting agent. */
    PROGRESSIVE,
    /** More calls than waiting agents, from the measured answer rate and handle time. */
    PREDICTIVE
}
