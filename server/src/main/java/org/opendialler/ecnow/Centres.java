package org.opendialler.ecnow;

import org.opendialler.tenancy.Centre;
import org.opendialler.tenancy.Tenancy;

/** The caller's centre (time zone, default phone country), looked up once per request. */
final class Centres {

    private final Tenancy tenancy;

    Centres(Tenancy tenancy) {
        this.tenancy = tenancy;
    }

    Centre of(long ccid) {
        return tenancy.centre(ccid).orElseThrow(
                () -> new IllegalStateException("the caller's centre " + ccid + " is missing"));
    }
}
