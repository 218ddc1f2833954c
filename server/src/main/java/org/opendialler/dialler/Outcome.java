package org.opendialler.dialler;

/**
 * An outcome code and the flags that decide what happens to the record next.
 *
 * @param id the outcome id ({@code outcomecode})
 * @param description its label
 * @param complete the record leaves the dialler
 * @param sale a sale
 * @param dmc a decision-maker contact
 * @param doNotCall the record's numbers go on the DNC list
 * @param answerphone an answer machine
 */
public record Outcome(int id, String description, boolean complete, boolean sale, boolean dmc,
        boolean doNotCall, boolean answerphone) {

    public static final Outcome ANSWER_MACHINE_AGENT = system(101, "Answer Machine (Agent)",
            false, false, true);
    public static final Outcome ANSWER_MACHINE_DIALLER = system(102, "Answer Machine (Dialler)",
            false, false, true);
    public static final Outcome NO_ANSWER = system(103, "No Answer", false, false, false);
    public static final Outcome BUSY = system(104, "Busy", false, false, false);
    public static final Outcome DEAD_LINE = system(105, "Dead Line", true, false, false);
    public static final Outcome ABANDONED = system(106, "Abandoned (Dialler)", false, false,
            false);
    public static final Outcome FAX = system(107, "Fax / Modem", true, false, false);
    public static final Outcome DIALLER_ERROR = system(108, "Dialler Error", false, false, false);
    public static final Outcome CALLBACK = system(109, "Callback", false, false, false);
    public static final Outcome MAX_ATTEMPTS = system(110, "Max Attempts Reached", true, false,
            false);
    public static final Outcome DO_NOT_CALL = system(111, "Do Not Call", true, true, false);

    /** No outcome: a third party's leg, whose record takes its agent's outcome. */
    public static final Outcome NONE = new Outcome(0, "", false, false, false, false, false);

    private static Outcome system(int id, String description, boolean complete, boolean dnc,
            boolean answerphone) {
        return new Outcome(id, description, complete, false, false, dnc, answerphone);
    }
}
