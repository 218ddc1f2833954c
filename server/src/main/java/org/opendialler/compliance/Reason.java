package org.opendialler.compliance;

import java.util.Locale;

/** Why a record is not dialled now. The wire names are the lower-case names. */
public enum Reason {
    DNC, HOURS, MAX_ATTEMPTS, RETRY_INTERVAL, ABANDON_CAP, AMD_REPEAT, ABANDON_REPEAT, HOLD,
    EXPIRED, COMPLETE, CALLBACK_NOT_DUE,
    /** The queue's caller id is missing or no phone number: nothing may be dialled on it. */
    CALLER_ID;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
