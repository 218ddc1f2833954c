package org.opendialler.database;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jooq.Condition;
import org.jooq.Field;
import org.opendialler.protocol.ApiException;

/**
 * The {@code filter} statement of {@code queues} and {@code agents}: {@code OP NUMBER} with OP
 * among {@code = != < <= > >=}, or {@code IN (N, ...)} / {@code NOT IN (N, ...)}, on the row id.
 * A small hand-written parser turns it into a jOOQ condition; the text never reaches SQL.
 * Anything else is {@code Bad argument: filter}.
 */
final class IdFilter {

    private static final int MAX_LENGTH = 2_000;

    private final List<String> tokens;
    private int at;

    private IdFilter(List<String> tokens) {
        this.tokens = tokens;
    }

    /** The condition the statement means on {@code id}. */
    static Condition parse(String text, Field<Long> id) {
        if (text == null || text.length() > MAX_LENGTH) {
            throw ApiException.badArgument("filter");
        }
        IdFilter parser = new IdFilter(tokenize(text));
        Condition condition = parser.statement(id);
        if (parser.at != parser.tokens.size()) {
            throw ApiException.badArgument("filter");
        }
        return condition;
    }

    private Condition statement(Field<Long> id) {
        String first = next();
        return switch (first) {
            case "=" -> id.eq(number());
            case "!=", "<>" -> id.ne(number());
            case "<" -> id.lt(number());
            case "<=" -> id.le(number());
            case ">" -> id.gt(number());
            case ">=" -> id.ge(number());
            case "IN" -> id.in(list());
            case "NOT" -> {
                expect("IN");
                yield id.notIn(list());
            }
            default -> throw ApiException.badArgument("filter");
        };
    }

    private List<Long> list() {
        expect("(");
        List<Long> values = new ArrayList<>();
        values.add(number());
        while (peek(",")) {
            next();
            values.add(number());
        }
        expect(")");
        return values;
    }

    private long number() {
        String token = next();
        if (!token.matches("\\d{1,18}")) {
            throw ApiException.badArgument("filter");
        }
        return Long.parseLong(token);
    }

    private void expect(String token) {
        if (!next().equals(token)) {
            throw ApiException.badArgument("filter");
        }
    }

    private boolean peek(String token) {
        return at < tokens.size() && tokens.get(at).equals(token);
    }

    private String next() {
        if (at >= tokens.size()) {
            throw ApiException.badArgument("filter");
        }
        return tokens.get(at++);
    }

    /** Words are upper-cased; any character outside the grammar's alphabet is refused. */
    private static List<String> tokenize(String text) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '(' || c == ')' || c == ',') {
                out.add(String.valueOf(c));
                i++;
            } else if ("=!<>".indexOf(c) >= 0) {
                int end = i + 1;
                while (end < text.length() && "=!<>".indexOf(text.charAt(end)) >= 0) {
                    end++;
                }
                out.add(text.substring(i, end));
                i = end;
            } else if (Character.isLetterOrDigit(c)) {
                int end = i + 1;
                while (end < text.length() && Character.isLetterOrDigit(text.charAt(end))) {
                    end++;
                }
                out.add(text.substring(i, end).toUpperCase(Locale.ROOT));
                i = end;
            } else {
                throw ApiException.badArgument("filter");
            }
        }
        return out;
    }
}
