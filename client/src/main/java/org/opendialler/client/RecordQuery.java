package org.opendialler.client;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The filters of an {@code ecnow_records} read. One of {@link #table} or {@link #dataset} is
 * required by the server. Each setter answers this query, so filters chain.
 */
public final class RecordQuery {

    /** Which records by {@code ProcessType}: see the spec's table of modes. */
    public enum Mode {
        ACTIVE("active"), LIVE("live"), CALLBACKS("callbacks"),
        LIVE_CALLBACKS("live-callbacks"), UNEXPIRED("unexpired");

        final String wire;

        Mode(String wire) {
            this.wire = wire;
        }
    }

    private final Map<String, String> params = new LinkedHashMap<>();

    public RecordQuery table(String table) {
        return set("table", table);
    }

    public RecordQuery dataset(long dataset) {
        return set("dataset", String.valueOf(dataset));
    }

    public RecordQuery id(long id) {
        return set("id", String.valueOf(id));
    }

    /** One outcome code or a comma list. */
    public RecordQuery outcome(String outcomes) {
        return set("outcome", outcomes);
    }

    public RecordQuery agent(long agentId) {
        return set("agent", String.valueOf(agentId));
    }

    /** A phone number matched, normalised, against all three phone fields. */
    public RecordQuery ddi(String number) {
        return set("ddi", number);
    }

    /** Field contains value (case-insensitive); several calls add fields. */
    public RecordQuery search(String field, String value) {
        return set("search[" + field + "]", value);
    }

    /** Make {@link #search} match whole values. */
    public RecordQuery exact() {
        return set("type", "exact");
    }

    public RecordQuery mode(Mode mode) {
        return set("mode", mode.wire);
    }

    /** Bound {@code callback} or {@code processdate} by local datetimes, inclusive. */
    public RecordQuery between(String timetype, String tstart, String tstop) {
        set("timetype", timetype);
        set("tstart", tstart);
        return set("tstop", tstop);
    }

    /** A field to sort by, with a leading {@code -} for descending. */
    public RecordQuery sort(String field) {
        return set("sort", field);
    }

    public RecordQuery limit(int limit) {
        return set("limit", String.valueOf(limit));
    }

    public RecordQuery start(long start) {
        return set("start", String.valueOf(start));
    }

    /** Adds whether each record is dialable now, and why not (OpenDialler only). */
    public RecordQuery explain() {
        return set("explain", "1");
    }

    RecordQuery set(String name, String value) {
        params.put(name, value);
        return this;
    }

    Map<String, String> params() {
        return new LinkedHashMap<>(params);
    }
}
