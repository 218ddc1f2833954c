package org.opendialler.ecnow;

import java.util.List;

/** The ProcessType words of dialler.md and how a dataset's status and outcomes move them. */
public final class ProcessTypes {

    public static final String NEW = "New Prospect";
    public static final String WORKED = "NEEDSMOREWORK";
    public static final String HOLD_PREFIX = "HOLD: ";
    public static final String HOLD_NEW = HOLD_PREFIX + NEW;
    public static final String HOLD_WORKED = HOLD_PREFIX + WORKED;
    public static final String COMPLETE = "COMPLETE";
    public static final String EXPIRED = "EXPIRED";

    /** The ProcessTypes of each read {@code mode}; {@code unexpired} is handled apart. */
    static final List<String> ACTIVE = List.of(HOLD_NEW, NEW, HOLD_WORKED, WORKED);
    static final List<String> LIVE = List.of(NEW, WORKED);
    static final List<String> CALLBACKS = List.of(HOLD_WORKED, WORKED);
    static final List<String> LIVE_CALLBACKS = List.of(WORKED);

    private ProcessTypes() {
    }

    /** The ProcessType of an open record in a dataset of {@code status}. */
    static String open(String status, boolean worked) {
        if (Datasets.EXPIRED.equals(status)) {
            return EXPIRED;
        }
        String base = worked ? WORKED : NEW;
        return Datasets.HOLD.equals(status) ? HOLD_PREFIX + base : base;
    }

    /**
     * The ProcessType a record of {@code processType} takes when its dataset moves to
     * {@code status}: for the records already written ({@code Datasets.update}) and for a load's
     * rows checked before the move.
     */
    static String moved(String processType, String status) {
        if (Datasets.EXPIRED.equals(status)) {
            return EXPIRED;
        }
        return isOpen(processType) ? open(status, isWorked(processType)) : processType;
    }

    static boolean isOpen(String processType) {
        return ACTIVE.contains(processType);
    }

    static boolean isWorked(String processType) {
        return processType.endsWith(WORKED);
    }
}
