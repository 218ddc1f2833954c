package org.opendialler.compliance;

import java.time.DayOfWeek;
import java.util.EnumMap;
import java.util.Map;

/** A calling window for each day of the week, in local time. Immutable. */
final class WeekWindow {

    static final WeekWindow ALWAYS = uniform(DayWindow.ALL_DAY);

    private final Map<DayOfWeek, DayWindow> days;

    WeekWindow(Map<DayOfWeek, DayWindow> days) {
        this.days = new EnumMap<>(days);
    }

    static WeekWindow uniform(DayWindow window) {
        Map<DayOfWeek, DayWindow> days = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek d : DayOfWeek.values()) {
            days.put(d, window);
        }
        return new WeekWindow(days);
    }

    DayWindow on(DayOfWeek day) {
        return days.getOrDefault(day, DayWindow.CLOSED);
    }

    /** Open only when both are open. */
    WeekWindow and(WeekWindow other) {
        Map<DayOfWeek, DayWindow> both = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek d : DayOfWeek.values()) {
            both.put(d, on(d).and(other.on(d)));
        }
        return new WeekWindow(both);
    }
}
