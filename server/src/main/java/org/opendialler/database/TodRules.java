package org.opendialler.database;

import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.jooq.Condition;
import org.jooq.Record;
import org.opendialler.protocol.ApiRequest;

/**
 * {@code tod_rules}: when a queue may dial. Create and update need {@code policy}; a read
 * without it lists every rule of the centre.
 */
final class TodRules extends Resource {

    private static final String TIME = "([01]\\d|2[0-3]):[0-5]\\d|24:00";
    private static final String DAY = "(mon|tue|wed|thu|fri|sat|sun)";
    private static final String DAYS = DAY + "(-" + DAY + ")?(," + DAY + "(-" + DAY + ")?)*";

    TodRules() {
        super("tod_rules", "tod rule", table(name("tod_rules")), Key.id("uid", "uid"), List.of(
                Key.id("policy", "policy").mandatory(),
                Key.text("rule", "rule_name", 200),
                Key.of("days", "days", org.jooq.impl.SQLDataType.VARCHAR, t -> {
                    String lower = t.toLowerCase().replace(" ", "");
                    if (!lower.matches(DAYS)) {
                        throw new IllegalArgumentException("days such as mon-fri,sat");
                    }
                    return lower;
                }).withDefault("mon-sun"),
                time("start").mandatory(),
                time("stop").mandatory(),
                Key.text("action", "rule_action", 200).withDefault("open")));
    }

    private static Key time(String api) {
        return Key.of(api, api + "_time", org.jooq.impl.SQLDataType.VARCHAR, t -> {
            if (!t.matches(TIME)) {
                throw new IllegalArgumentException("HH:MM");
            }
            return t;
        });
    }

    @Override
    Condition readFilter(ApiRequest request) {
        return Crud.idList(request, "policy", TodPolicies.POLICY);
    }

    @Override
    Record locate(Ctx ctx, ObjectNode row) {
        boolean update = "update".equals(ctx.request().optional("action").orElse(""));
        if (update && Crud.text(row, "policy") == null) {
            throw RowRefused.missing("policy");
        }
        return super.locate(ctx, row);
    }

    @Override
    void check(Ctx ctx, Map<String, Object> values, Record existing) {
        QueueMethod.mustExist(ctx, values.get("policy"), TodPolicies.TABLE_NAME, "tod policy");
        if (((String) values.get("start")).compareTo((String) values.get("stop")) >= 0) {
            throw new RowRefused("A rule's start must be before its stop");
        }
    }
}
