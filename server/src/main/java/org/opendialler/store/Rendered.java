package org.opendialler.store;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.jooq.Field;

/**
 * A query that jOOQ rendered once, with its {@code ?} placeholders, the values to bind to them
 * in order, and the columns its rows are read as.
 */
public record Rendered(String sql, List<Field<?>> fields, List<Object> values) {

    public Rendered {
        fields = List.copyOf(fields);
        // A bound value may be null, which List.copyOf refuses.
        values = Collections.unmodifiableList(new ArrayList<>(values));
    }
}
