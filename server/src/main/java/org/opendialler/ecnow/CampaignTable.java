package org.opendialler.ecnow;

/** A campaign table of one contact centre: its internal id and its name as created. */
public record CampaignTable(long tableId, long ccid, String name) {
}
