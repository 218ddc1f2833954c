package org.opendialler.telephony;

/** A port was asked for an operation its PBX does not offer, such as holding a call. */
public final class UnsupportedCallOperationException extends UnsupportedOperationException {

    public UnsupportedCallOperationException(String operation) {
        super("This telephony port cannot " + operation);
    }
}
