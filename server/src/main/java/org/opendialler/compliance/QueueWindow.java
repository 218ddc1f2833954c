package org.opendialler.compliance;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import java.time.DayOfWeek;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.opendialler.database.Queues;
import org.opendialler.store.Database;

/**
 * A queue's own calling window, in the called number's local time: its {@code call_hours}
 * and, when it names a {@code tod} policy, that policy's rules (the days and hours of rules whose
 * action is {@code closed} are taken out of the union of the others). It only narrows the
 * country's window. Thread-safe.
 */
final class QueueWindow {

    private static final Table<Record> RULES = table(name("tod_rules"));
    private static final Field<Long> CCID = field(name("ccid"), Long.class);
    private static final Field<Long> POLICY = field(name("policy"), Long.class);
    private static final Field<String> DAYS = field(name("days"), String.class);
    private static final Field<String> START = field(name("start_time"), String.class);
    private static final Field<String> STOP = field(name("stop_time"), String.class);
    private static final Field<String> ACTION = field(name("rule_action"), String.class);
    private static final List<String> DAY_NAMES =
            List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");

    private final Database db;

    QueueWindow(Database db) {
        this.db = db;
    }

    WeekWindow of(long ccid, Queues.Queue queue) {
        WeekWindow hours = DayWindow.parse(queue.callHours()).map(WeekWindow::uniform)
                .orElse(WeekWindow.ALWAYS);
        if (queue.tod() == null || queue.tod() == 0) {
            return hours;
        }
        return hours.and(policy(ccid, queue.tod()));
    }

    private WeekWindow policy(long ccid, long policy) {
        Map<DayOfWeek, DayWindow> open = new EnumMap<>(DayOfWeek.class);
        Map<DayOfWeek, DayWindow> closed = new EnumMap<>(DayOfWeek.class);
        for (Record r : db.dsl().select(DAYS, START, STOP, ACTION).from(RULES)
                .where(CCID.eq(ccid)).and(POLICY.eq(policy)).fetch()) {
            DayWindow w = DayWindow.between(DayWindow.minute(r.get(START)),
                    DayWindow.minute(r.get(STOP)));
            boolean closes = "closed".equalsIgnoreCase(String.valueOf(r.get(ACTION)).trim());
            for (DayOfWeek d : days(r.get(DAYS))) {
                (closes ? closed : open).merge(d, w, DayWindow::or);
            }
        }
        Map<DayOfWeek, DayWindow> week = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek d : DayOfWeek.values()) {
            week.put(d, open.getOrDefault(d, DayWindow.CLOSED)
                    .minus(closed.getOrDefault(d, DayWindow.CLOSED)));
        }
        return new WeekWindow(week);
    }

    /** {@code mon-fri,sat}; a range may wrap ({@code fri-mon}). */
    static List<DayOfWeek> days(String text) {
        List<DayOfWeek> days = new java.util.ArrayList<>();
        for (String part : text.toLowerCase(Locale.ROOT).replace(" ", "").split(",")) {
            String[] ends = part.split("-");
            int from = DAY_NAMES.indexOf(ends[0]);
            int to = DAY_NAMES.indexOf(ends[ends.length - 1]);
            if (from < 0 || to < 0) {
                continue;
            }
            for (int i = from; ; i = (i + 1) % 7) {
                days.add(DayOfWeek.of(i + 1));
                if (i == to) {
                    break;
                }
            }
        }
        return days;
    }
}
