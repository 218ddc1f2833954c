package org.opendialler.protocol;

import java.util.Locale;

/** The formats an answer, and a posted body, may take. */
public enum Format {
    JSON("application/json; charset=utf-8"),
    XML("application/xml; charset=utf-8"),
    CSV("text/csv; charset=utf-8");

    private final String contentType;

    Format(String contentType) {
        this.contentType = contentType;
    }

    public String contentType() {
        return contentType;
    }

    /** Parses a {@code format} parameter; {@code null} when the text names no format. */
    static Format parse(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "json" -> JSON;
            case "xml" -> XML;
            case "csv" -> CSV;
            default -> null;
        };
    }
}
