package org.opendialler.tenancy;

import java.time.ZoneId;

/** One contact centre: its id ({@code ccid}), name, time zone and default phone country. */
public record Centre(long ccid, String name, ZoneId zone, String country) {
}
