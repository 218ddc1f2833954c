package org.opendialler.database;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import java.util.List;
import org.jooq.Condition;
import org.jooq.Field;
import org.opendialler.protocol.ApiException;
import org.opendialler.protocol.ApiRequest;

/**
 * {@code status_log}: agent state changes, read only (the dialler writes them). Filters:
 * {@code uid} ({@code N} from N up, or {@code LOW:HIGH}), {@code agent}, {@code tstart},
 * {@code tstop} (Unix seconds, on the change's start).
 */
final class StatusLogMethod extends Resource {

    static final Field<Long> UID = field(name("uid"), Long.class);
    static final Field<Long> AGENT = field(name("agent"), Long.class);
    static final Field<Long> START = field(name("start_at"), Long.class);

    StatusLogMethod() {
        super("status_log", "status log row", table(name("status_log")), Key.id("uid", "uid"),
                List.of(Key.id("agent", "agent"), Key.text("state", "state", 40),
                        Key.text("reason", "reason", 200), Key.id("qid", "qid"),
                        Key.id("start", "start_at"), Key.id("stop", "stop_at"),
                        Key.id("sec", "sec")));
    }

    @Override
    List<String> actions() {
        return List.of("read");
    }

    @Override
    boolean filtersById() {
        return false;
    }

    @Override
    Condition readFilter(ApiRequest request) {
        Condition where = uid(request).and(Crud.idList(request, "agent", AGENT));
        if (request.optional("tstart").isPresent()) {
            where = where.and(START.ge(DncMethod.seconds(request, "tstart")));
        }
        if (request.optional("tstop").isPresent()) {
            where = where.and(START.le(DncMethod.seconds(request, "tstop")));
        }
        return where;
    }

    private static Condition uid(ApiRequest request) {
        String text = request.optional("uid").orElse(null);
        if (text == null) {
            return org.jooq.impl.DSL.noCondition();
        }
        if (text.matches("\\d{1,18}")) {
            return UID.ge(Long.parseLong(text));
        }
        if (text.matches("\\d{1,18}:\\d{1,18}")) {
            String[] parts = text.split(":");
            return UID.between(Long.parseLong(parts[0]), Long.parseLong(parts[1]));
        }
        throw ApiException.badArgument("uid");
    }
}
