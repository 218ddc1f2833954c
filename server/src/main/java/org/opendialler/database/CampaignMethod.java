package org.opendialler.database;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.noCondition;
import static org.jooq.impl.DSL.table;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Record;
import org.opendialler.protocol.ApiException;
import org.opendialler.protocol.ApiRequest;

/**
 * {@code campaigns}: delete marks a campaign {@code deleted} (reports still name it);
 * {@code state=active} hides deleted ones. A campaign's table, when given, must be one of the
 * centre's campaign tables, as a queue's must.
 */
final class CampaignMethod extends Resource {

    private static final Field<String> STATE = field(name("state"), String.class);

    private final References refs;

    CampaignMethod(References refs) {
        super("campaigns", "campaign", table(name("campaigns")),
                Key.id("campaignid", "campaignid"), List.of(
                        Key.text("name", "name", 200).mandatory(),
                        Key.oneOf("state", "state", List.of("active", "deleted"))
                                .withDefault("active"),
                        Key.of("table", "campaign_table", org.jooq.impl.SQLDataType.VARCHAR,
                                t -> {
                                    if (!t.matches(QueueMethod.TABLE_NAME)) {
                                        throw new IllegalArgumentException(
                                                "a letter, then letters, digits or _");
                                    }
                                    return t;
                                })));
        this.refs = refs;
    }

    @Override
    void check(Ctx ctx, Map<String, Object> values, Record existing) {
        QueueMethod.tableMustExist(ctx, refs, values.get("table"));
    }

    @Override
    Condition readFilter(ApiRequest request) {
        Optional<String> state = request.optional("state");
        if (state.isEmpty()) {
            return noCondition();
        }
        if (!List.of("active", "deleted").contains(state.get())) {
            throw ApiException.badArgument("state");
        }
        return STATE.eq(state.get());
    }

    @Override
    void delete(Ctx ctx, Record existing) {
        ctx.tx().update(table).set(STATE, "deleted").where(CCID.eq(ctx.ccid()))
                .and(idField().eq(existing.get(idField()))).execute();
    }
}
