package org.opendialler.database;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.jooq.Field;
import org.jooq.impl.SQLDataType;

/**
 * One key of a method's rows: its name on the wire, its column, how a posted text becomes a
 * stored value, its default on create. Immutable.
 *
 * @param parse turns trimmed, non-empty text into the stored value; throws
 *     {@link IllegalArgumentException} whose message says what is allowed
 */
record Key(String api, Field<Object> column, Function<String, Object> parse,
        Object defaultValue, boolean required, boolean writeOnly) {

    static Key text(String api, String column, int max) {
        return of(api, column, SQLDataType.VARCHAR, t -> {
            if (t.length() > max) {
                throw new IllegalArgumentException("at most " + max + " characters");
            }
            return t;
        });
    }

    static Key yn(String api, String column) {
        return of(api, column, SQLDataType.VARCHAR, Key::yn).withDefault("N");
    }

    static Key integer(String api, String column, int min, int max) {
        return of(api, column, SQLDataType.INTEGER, t -> (int) whole(t, min, max));
    }

    static Key id(String api, String column) {
        return of(api, column, SQLDataType.BIGINT, t -> whole(t, 0, Long.MAX_VALUE));
    }

    static Key decimal(String api, String column, String min, String max) {
        return of(api, column, SQLDataType.DECIMAL, t -> {
            BigDecimal value;
            try {
                value = new BigDecimal(t);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("a number from " + min + " to " + max);
            }
            if (value.compareTo(new BigDecimal(min)) < 0
                    || value.compareTo(new BigDecimal(max)) > 0) {
                throw new IllegalArgumentException("a number from " + min + " to " + max);
            }
            return value;
        });
    }

    static Key oneOf(String api, String column, List<String> allowed) {
        return of(api, column, SQLDataType.VARCHAR, t -> {
            String lower = t.toLowerCase(Locale.ROOT);
            if (!allowed.contains(lower)) {
                throw new IllegalArgumentException("one of " + String.join(", ", allowed));
            }
            return lower;
        });
    }

    @SuppressWarnings("unchecked")
    static Key of(String api, String column, org.jooq.DataType<?> type,
            Function<String, Object> parse) {
        Field<Object> f = (Field<Object>) field(name(column), type);
        return new Key(api, f, parse, null, false, false);
    }

    Key withDefault(Object value) {
        return new Key(api, column, parse, value, required, writeOnly);
    }

    Key mandatory() {
        return new Key(api, column, parse, defaultValue, true, writeOnly);
    }

    /** Write-only: stored, never read back (a password's hash). */
    Key secret() {
        return new Key(api, column, parse, defaultValue, required, true);
    }

    /** The stored value for posted text; blank text is {@code null}. */
    Object parseText(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return parse.apply(text.trim());
        } catch (IllegalArgumentException e) {
            throw RowRefused.badValue(api, e.getMessage());
        }
    }

    /** A stored value as the wire shows it: text, or {@code null}. */
    static String render(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof BigDecimal d) {
            return d.stripTrailingZeros().toPlainString();
        }
        return String.valueOf(value);
    }

    static String yn(String text) {
        return switch (text.toUpperCase(Locale.ROOT)) {
            case "Y", "YES", "1", "TRUE" -> "Y";
            case "N", "NO", "0", "FALSE" -> "N";
            default -> throw new IllegalArgumentException("Y or N");
        };
    }

    static long whole(String text, long min, long max) {
        long value;
        try {
            value = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("a whole number from " + min + " to " + max);
        }
        if (value < min || value > max) {
            throw new IllegalArgumentException("a whole number from " + min + " to " + max);
        }
        return value;
    }
}
