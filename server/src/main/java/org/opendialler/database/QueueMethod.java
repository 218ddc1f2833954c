package org.opendialler.database;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.noCondition;
import static org.jooq.impl.DSL.table;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Record;
import org.opendialler.phone.PhoneNumbers;
import org.opendialler.protocol.ApiException;
import org.opendialler.protocol.ApiRequest;
import org.opendialler.tenancy.Tenancy;

/**
 * {@code queues}: every type, the hosted service's keys and the dialler's. An outbound queue
 * needs a campaign table, and cannot be live without a caller id.
 */
final class QueueMethod extends Resource {

    static final String TABLE_NAME = "[A-Za-z][A-Za-z0-9_]{0,63}";
    private static final String HOURS = "([01]\\d|2[0-3]):[0-5]\\d-([01]\\d|2[0-3]):[0-5]\\d";

    private final References refs;
    private final Tenancy tenancy;

    QueueMethod(References refs, Tenancy tenancy) {
        super("queues", "queue", Queues.TABLE, Key.id("qid", "qid"), keys());
        this.refs = refs;
        this.tenancy = tenancy;
    }

    private static List<Key> keys() {
        List<Key> keys = new ArrayList<>();
        keys.add(Key.oneOf("type", "queue_type", Queues.TYPES).mandatory());
        keys.add(Key.text("description", "description", 200));
        keys.add(Key.text("callerid", "callerid", 32));
        keys.add(Key.id("campaignid", "campaignid"));
        keys.add(Key.of("table", "campaign_table", org.jooq.impl.SQLDataType.VARCHAR, t -> {
            if (!t.matches(TABLE_NAME)) {
                throw new IllegalArgumentException("a letter, then letters, digits or _");
            }
            return t;
        }));
        keys.add(Key.yn("live", "live"));
        for (String k : List.of("announce", "monitor", "redirect", "announce_jump",
                "max_wait_redirect", "alt_redirect", "announce_vm")) {
            keys.add(Key.text(k, k, 200));
        }
        keys.add(Key.yn("amd", "amd"));
        keys.add(Key.integer("level", "queue_level", 0, 100));
        keys.add(Key.text("key", "queue_key", 200));
        for (String k : List.of("sequential", "autohangup", "tpt_record", "aod_passthru",
                "stop_monitor")) {
            keys.add(Key.of(k, k, org.jooq.impl.SQLDataType.VARCHAR, Key::yn));
        }
        keys.add(Key.integer("max_wait", "max_wait", 0, 86_400));
        keys.add(Key.integer("sametime", "sametime", 0, 10_000));
        keys.add(Key.id("tod", "tod"));
        keys.add(Key.of("filter", "queue_filter", org.jooq.impl.SQLDataType.VARCHAR, t -> {
            checkFilter(t);
            return t;
        }));
        keys.add(Key.id("redirect_id", "redirect_id"));
        keys.add(Key.integer("aod_ringtime", "aod_ringtime", 0, 600));
        keys.add(Key.integer("aod_maxdial", "aod_maxdial", 0, 10_000));
        keys.add(Key.oneOf("dial_mode", "dial_mode",
                List.of("preview", "progressive", "predictive")).withDefault("progressive"));
        keys.add(Key.decimal("max_ratio", "max_ratio", "1", "10")
                .withDefault(java.math.BigDecimal.ONE));
        keys.add(Key.decimal("abandon_target", "abandon_target", "0", "5")
                .withDefault(java.math.BigDecimal.valueOf(3)));
        keys.add(Key.integer("ring_time", "ring_time", 15, 600).withDefault(15));
        keys.add(Key.integer("wrap_time", "wrap_time", 0, 3_600).withDefault(30));
        keys.add(Key.of("call_hours", "call_hours", org.jooq.impl.SQLDataType.VARCHAR, t -> {
            if (!t.matches(HOURS) || t.substring(0, 5).compareTo(t.substring(6)) >= 0) {
                throw new IllegalArgumentException("HH:MM-HH:MM, the start before the end");
            }
            return t;
        }).withDefault("08:00-21:00"));
        keys.add(Key.decimal("amd_fp_rate", "amd_fp_rate", "0", "100")
                .withDefault(java.math.BigDecimal.valueOf(5)));
        keys.add(Key.integer("max_attempts", "max_attempts", 1, 1_000).withDefault(10));
        keys.add(Key.integer("retry_minutes", "retry_minutes", 0, 525_600).withDefault(60));
        return keys;
    }

    private static void checkFilter(String text) {
        try {
            IdFilter.parse(text, Queues.QID);
        } catch (ApiException e) {
            throw new IllegalArgumentException("=, !=, <, <=, >, >= NUMBER or [NOT] IN (N, ...)");
        }
    }

    @Override
    Condition readFilter(ApiRequest request) {
        Condition where = noCondition();
        Optional<String> table = request.optional("table");
        if (table.isPresent()) {
            where = where.and(Queues.CAMPAIGN_TABLE.eq(table.get()));
        }
        Optional<String> type = request.optional("type");
        if (type.isPresent()) {
            List<String> types = List.of(type.get().toLowerCase().split("\\s*,\\s*"));
            if (!Queues.TYPES.containsAll(types)) {
                throw ApiException.badArgument("type");
            }
            where = where.and(Queues.TYPE.in(types));
        }
        if (request.optional("filter").isPresent()) {
            where = where.and(IdFilter.parse(request.param("filter"), Queues.QID));
        }
        return where;
    }

    @Override
    void check(Ctx ctx, Map<String, Object> values, Record existing) {
        boolean outbound = "outbound".equals(values.get("type"));
        if (outbound && values.get("table") == null) {
            throw new RowRefused("An outbound queue needs a table");
        }
        tableMustExist(ctx, refs, values.get("table"));
        if (values.get("callerid") != null) {
            values.put("callerid", callerId(ctx, (String) values.get("callerid")));
        }
        if (outbound && "Y".equals(values.get("live")) && values.get("callerid") == null) {
            throw new RowRefused("An outbound queue cannot go live without callerid");
        }
        mustExist(ctx, values.get("tod"), TodPolicies.TABLE_NAME, "tod policy");
        mustExist(ctx, values.get("campaignid"), "campaigns", "campaign", "campaignid");
        if (existing != null) {
            keepWhatDatasetsRelyOn(ctx, values, existing);
        }
    }

    /** A dataset is assigned to an outbound queue of its own table: neither may change. */
    private void keepWhatDatasetsRelyOn(Ctx ctx, Map<String, Object> values, Record existing) {
        String oldTable = existing.get(Queues.CAMPAIGN_TABLE);
        Object newTable = values.get("table");
        boolean typeChanges = !existing.get(Queues.TYPE).equals(values.get("type"));
        boolean tableChanges = oldTable == null ? newTable != null
                : newTable == null || !oldTable.equalsIgnoreCase((String) newTable);
        if (!typeChanges && !tableChanges) {
            return;
        }
        long qid = existing.get(idField());
        long datasets = refs.datasetsOfQueue(ctx.ccid(), qid);
        if (datasets > 0) {
            throw new RowRefused("Queue " + qid + " has " + datasets
                    + " datasets: its type and table cannot change");
        }
    }

    private String callerId(Ctx ctx, String text) {
        String country = tenancy.centre(ctx.ccid()).map(c -> c.country()).orElse("GB");
        return PhoneNumbers.e164(text, country)
                .orElseThrow(() -> RowRefused.badValue("callerid", "a phone number"));
    }

    /** A queue's or a campaign's {@code table}, when given, is one of the centre's tables. */
    static void tableMustExist(Ctx ctx, References refs, Object table) {
        if (table != null && !refs.campaignTableExists(ctx.ccid(), (String) table)) {
            throw RowRefused.noSuch("campaign table", table);
        }
    }

    static void mustExist(Ctx ctx, Object id, String tableName, String noun) {
        mustExist(ctx, id, tableName, noun, "uid");
    }

    static void mustExist(Ctx ctx, Object id, String tableName, String noun, String idColumn) {
        if (id == null) {
            return;
        }
        boolean found = ctx.tx().fetchExists(ctx.tx().selectOne().from(table(name(tableName)))
                .where(CCID.eq(ctx.ccid()))
                .and(field(name(idColumn), Long.class).eq((Long) id)));
        if (!found) {
            throw RowRefused.noSuch(noun, id);
        }
    }

    @Override
    Map<String, Object> render(Ctx ctx, Record r) {
        Map<String, Object> out = super.render(ctx, r);
        List<String> numbers = ctx.tx().select(DdiMethod.DDI).from(DdiMethod.TABLE)
                .where(CCID.eq(ctx.ccid())).and(DdiMethod.QID.eq(r.get(idField())))
                .orderBy(DdiMethod.DDI).fetch(DdiMethod.DDI);
        out.put("numbers", String.join(",", numbers));
        return out;
    }

    @Override
    void beforeDelete(Ctx ctx, Record existing) {
        long qid = existing.get(idField());
        long datasets = refs.datasetsOfQueue(ctx.ccid(), qid);
        if (datasets > 0) {
            throw new RowRefused("Queue " + qid + " has " + datasets + " datasets");
        }
        boolean routed = ctx.tx().fetchExists(ctx.tx().selectOne().from(DdiMethod.TABLE)
                .where(CCID.eq(ctx.ccid())).and(DdiMethod.QID.eq(qid)));
        if (routed) {
            throw new RowRefused("Queue " + qid + " has DDIs routed to it");
        }
    }

    @Override
    void delete(Ctx ctx, Record existing) {
        Field<Long> qid = field(name("qid"), Long.class);
        ctx.tx().deleteFrom(PriorityMethod.TABLE).where(CCID.eq(ctx.ccid()))
                .and(qid.eq(existing.get(idField()))).execute();
        super.delete(ctx, existing);
    }
}
