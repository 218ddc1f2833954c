package org.opendialler.compliance;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.opendialler.store.Database;

/**
 * The {@code country_rules} table: each country's legal calling window and abandon cap, with
 * the {@code ZZ} row for countries that have none. Thread-safe; reads the table on every call,
 * so a changed row takes effect at once.
 */
final class CountryRules {

    static final String DEFAULT = "ZZ";

    private static final Table<Record> TABLE = table(name("country_rules"));
    private static final Field<String> COUNTRY = field(name("country"), String.class);
    private static final Field<BigDecimal> CAP = field(name("abandon_cap"), BigDecimal.class);

    /** One country's rules: its window in the called person's local time, and its cap. */
    record Rule(String country, WeekWindow window, double abandonCapPercent) {
    }

    private final Database db;

    CountryRules(Database db) {
        this.db = db;
    }

    /** The rule of {@code country} (ISO code), else the default rule. */
    Rule of(String country) {
        String code = country == null ? DEFAULT : country;
        List<Rule> rules = db.dsl().selectFrom(TABLE).where(COUNTRY.in(code, DEFAULT))
                .fetch(CountryRules::toRule);
        return rules.stream().filter(r -> r.country().equals(code)).findFirst()
                .orElseGet(() -> rules.stream().filter(r -> r.country().equals(DEFAULT))
                        .findFirst().orElseThrow(() -> new IllegalStateException(
                                "country_rules has no " + DEFAULT + " row")));
    }

    private static Rule toRule(Record r) {
        DayWindow weekday = window(r, "weekday");
        Map<DayOfWeek, DayWindow> days = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek d : DayOfWeek.values()) {
            days.put(d, weekday);
        }
        days.put(DayOfWeek.SATURDAY, window(r, "saturday"));
        days.put(DayOfWeek.SUNDAY, window(r, "sunday"));
        return new Rule(r.get(COUNTRY), new WeekWindow(days), r.get(CAP).doubleValue());
    }

    private static DayWindow window(Record r, String day) {
        String start = r.get(field(name(day + "_start"), String.class));
        String stop = r.get(field(name(day + "_stop"), String.class));
        if (start == null || stop == null) {
            return DayWindow.CLOSED;
        }
        return DayWindow.between(DayWindow.minute(start), DayWindow.minute(stop));
    }
}
