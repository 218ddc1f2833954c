package org.opendialler.reporting;

import static org.opendialler.reporting.CdrTable.*;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.opendialler.protocol.Answer;
import org.opendialler.protocol.ApiException;
import org.opendialler.protocol.ApiRequest;
import org.opendialler.store.Database;
import org.opendialler.tenancy.Tenancy;

/**
 * {@code database.php?method=cdr_log} ({@code read} only): the centre's CDRs that started
 * between {@code tstart} and {@code tstop}, local times of the centre, both inclusive; with
 * {@code groupby} one item per group with {@code count} and {@code duration}. The
 * {@code database.php} script registers {@link #read} under {@code cdr_log}.
 */
public final class CdrLog {

    private static final DateTimeFormatter DATETIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss")
                    .withResolverStyle(ResolverStyle.STRICT);
    private static final String UNSET = "0000-00-00 00:00:00";

    /** One key of a row: its SQL expression and how its value is written. */
    private record Key(Field<?> expr, Function<Object, String> render) {
    }

    private final Database db;
    private final Tenancy tenancy;

    public CdrLog(Database db, Tenancy tenancy) {
        this.db = db;
        this.tenancy = tenancy;
    }

    /**
     * Answers one {@code cdr_log} read for the request's caller.
     *
     * @throws ApiException for a missing or malformed {@code tstart}, {@code tstop} or
     *     {@code groupby}
     */
    public Answer read(ApiRequest request) {
        ZoneId zone = tenancy.centre(request.ccid()).orElseThrow().zone();
        Map<String, Key> keys = keys(zone);
        long from = instant(request, "tstart", zone, true).toEpochMilli();
        long to = instant(request, "tstop", zone, false).toEpochMilli() + 999;
        if (to < from) {
            throw ApiException.badArgument("tstop");
        }
        Condition where = CCID.eq(request.ccid()).and(T_INIT_MS.between(from, to));
        String groupby = request.optional("groupby").orElse(null);
        if (groupby == null) {
            return rows(request, keys, where);
        }
        Key key = keys.get(groupby);
        if (key == null) {
            throw ApiException.badArgument("groupby");
        }
        return groups(groupby, key, where);
    }

    private Answer rows(ApiRequest request, Map<String, Key> keys, Condition where) {
        long start = Params.natural(request, "start", 0);
        long limit = Params.natural(request, "limit", Params.DEFAULT_CAP);
        List<Field<?>> select = new ArrayList<>();
        keys.forEach((name, key) -> select.add(key.expr().as(name)));
        long total = db.dsl().fetchCount(CDR, where);
        List<Map<String, Object>> items = new ArrayList<>();
        for (Record r : db.dsl().select(select).from(CDR).where(where)
                .orderBy(T_INIT_MS, CALLID).limit(limit).offset(start).fetch()) {
            Map<String, Object> item = new LinkedHashMap<>();
            keys.forEach((name, key) -> item.put(name, key.render().apply(r.get(name))));
            items.add(item);
        }
        boolean capped = request.optional("limit").isEmpty();
        return new Answer.Rows(total, items, capped && total - start > limit);
    }

    private Answer groups(String name, Key key, Condition where) {
        List<Map<String, Object>> items = new ArrayList<>();
        for (Record r : db.dsl().select(key.expr().as("g"), DSL.count().as("n"),
                        DSL.sum(MS_DUR).as("d"))
                .from(CDR).where(where).groupBy(key.expr()).orderBy(key.expr()).fetch()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put(name, key.render().apply(r.get("g")));
            item.put("count", CallFields.num(r.get("n")));
            item.put("duration", BigDecimal.valueOf(CallFields.num(r.get("d")), 3));
            items.add(item);
        }
        return Answer.Rows.of(items);
    }

    private static Map<String, Key> keys(ZoneId zone) {
        Function<Object, String> text = v -> v == null ? null : v.toString();
        Function<Object, String> id = v -> String.valueOf(CallFields.num(v));
        Function<Object, String> time = v -> v == null ? UNSET : LocalDateTime
                .ofInstant(Instant.ofEpochMilli(CallFields.num(v)), zone).format(DATETIME);
        Map<String, Key> keys = new LinkedHashMap<>();
        keys.put("callid", new Key(CALLID, id));
        keys.put("datetime", new Key(T_INIT_MS, time));
        keys.put("qid", new Key(QID, id));
        keys.put("dataset", new Key(DSID, id));
        keys.put("urn", new Key(URN, id));
        keys.put("agent", new Key(AID, id));
        keys.put("ddi", new Key(DDI, text));
        keys.put("cli", new Key(CLI, text));
        keys.put("ringtime", new Key(MS_RING, CdrFields::seconds));
        keys.put("duration", new Key(MS_DUR, CdrFields::seconds));
        keys.put("result", new Key(CRES, text));
        keys.put("outcome", new Key(OCID, id));
        keys.put("type", new Key(DTYPE, text));
        keys.put("carrier", new Key(CARRIER, text));
        keys.put("flags", new Key(FLAGS, text));
        keys.put("terminate", new Key(TERM_BY, text));
        keys.put("customer", new Key(T_CUSTOMER_MS, time));
        keys.put("answer", new Key(T_ANSW_MS, time));
        keys.put("disconnect", new Key(T_DISC_MS, time));
        keys.put("last_update", new Key(LAST_UPDATE_MS, time));
        return keys;
    }

    /**
     * A local datetime parameter as an instant. In the autumn's repeated hour a start takes the
     * earlier instant and a stop the later, so that the window is never narrower than asked.
     */
    private static Instant instant(ApiRequest request, String name, ZoneId zone,
            boolean start) {
        String text = request.optional(name).orElseThrow(() -> ApiException.badArgument(name));
        try {
            ZonedDateTime at = LocalDateTime.parse(text, DATETIME).atZone(zone);
            return (start ? at.withEarlierOffsetAtOverlap() : at.withLaterOffsetAtOverlap())
                    .toInstant();
        } catch (DateTimeParseException e) {
            throw ApiException.badArgument(name);
        }
    }
}
