package org.opendialler.ecnow;

import static org.jooq.impl.DSL.exists;
import static org.jooq.impl.DSL.lower;
import static org.jooq.impl.DSL.selectOne;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SortField;
import org.jooq.impl.DSL;
import org.opendialler.phone.PhoneNumbers;
import org.opendialler.protocol.Answer;
import org.opendialler.protocol.ApiException;
import org.opendialler.protocol.ApiRequest;
import org.opendialler.protocol.Caller;
import org.opendialler.store.Database;
import org.opendialler.tenancy.Centre;

/** {@code ecnow_records} read: every filter, mode, search and paging key of the spec. */
final class RecordReads {

    /** The parameters that make a read by id more than one record by id. */
    private static final List<String> OTHER_FILTERS = List.of("outcome", "agent", "ddi",
            "search", "mode", "tstart", "tstop", "sort");

    private static final Pattern WHOLE = Pattern.compile("-?\\d{1,18}");
    private static final Pattern DIGITS = Pattern.compile("\\d{1,18}");

    private final Database db;
    private final RecordById byId;
    private final KeptDefinitions definitions;
    private final Datasets datasets;
    private final int readCap;
    private final DialExplainer explainer;
    private final Clock clock;
    private final TokenCheck tokens;
    private final boolean campaignIsCentre;

    RecordReads(Database db, KeptDefinitions definitions, Datasets datasets, int readCap,
            DialExplainer explainer, Clock clock, TokenCheck tokens, boolean campaignIsCentre) {
        this.db = db;
        this.tokens = tokens;
        this.campaignIsCentre = campaignIsCentre;
        this.byId = new RecordById(db);
        this.definitions = definitions;
        this.datasets = datasets;
        this.readCap = readCap;
        this.explainer = explainer;
        this.clock = clock;
    }

    Answer read(ApiRequest request) {
        Sent sent = request.hasCaller() ? new Sent() : checkToken(request);
        Optional<TableDefinitions> found = definitions(request);
        if (found.isEmpty()) {
            return Answer.Rows.of(List.of());
        }

        long ccid = request.ccid();
        TableDefinitions defs = found.get();
        long tableId = defs.table().orElseThrow().tableId();
        Condition where = Records.CCID.eq(ccid).and(Records.TABLE_ID.eq(tableId));
        Optional<Long> datasetId = request.longParam("dataset");
        if (datasetId.isPresent()) {
            where = where.and(Records.DATASETID.eq(datasetId.get()));
        }
        where = where.and(filters(request, defs.centre(), defs.fields()));

        Optional<IdRead> one = plainId(request).map(id -> new IdRead(tableId, datasetId, id));
        Query query = new Query(where, one, one.flatMap(o -> sent.rowsOf(ccid, o)));
        return page(request, ccid, query, defs.fields(), defs.centre().zone());
    }

    /**
     * A read's condition and, when it asks for one record by id alone, that record and its
     * rows if they came with the token check.
     */
    private record Query(Condition where, Optional<IdRead> byId, Optional<List<Record>> sent) {
    }

    private record IdRead(long tableId, Optional<Long> datasetId, long id) {
    }

    /**
     * A read by id sent with the token check: the centre and record it asked for, and its rows
     * once answered. Only the request's own thread touches it.
     */
    private static final class Sent {
        private long ccid;
        private IdRead read;
        private List<Record> rows;

        /** The rows sent, if they are those of that centre's read. */
        Optional<List<Record>> rowsOf(long ccid, IdRead wanted) {
            boolean same = rows != null && this.ccid == ccid && wanted.equals(read);
            return same ? Optional.of(rows) : Optional.empty();
        }
    }

    /**
     * Whether a request is a read by id alone in a named table, whose record can go to the
     * database with the token check. One the reads below would refuse is not: its token is
     * checked first, as for any other request, so that its error is the same.
     */
    static boolean sendsAlong(ApiRequest request) {
        try {
            // A dataset that is not a number throws here, as any id the reads refuse does.
            request.longParam("dataset");
            return "ecnow_records".equals(request.method())
                    && request.optional("action").filter("read"::equals).isPresent()
                    && request.optional("table").isPresent() && !request.has("start")
                    && !request.has("limit") && plainId(request).isPresent();
        } catch (ApiException e) {
            return false;
        }
    }

    /**
     * Checks the token of a request that {@link #sendsAlong}, sending its record's read for
     * the caller the token was last seen as, in the table this node keeps for that name. That
     * read is used only if it is the one the caller found needs: same centre, and the same
     * table at the definitions now current.
     */
    private Sent checkToken(ApiRequest request) {
        String table = request.optional("table").orElseThrow();
        Optional<Long> datasetId = request.longParam("dataset");
        long id = plainId(request).orElseThrow();

        Sent sent = new Sent();
        Caller caller = tokens.check(request.param("token"), request.clientIp(), foreseen -> {
            // Only what this node keeps: nothing is read before the token is checked.
            Optional<CampaignTable> found = definitions.keptByName(foreseen.ccid(), table)
                    .flatMap(TableDefinitions::table);
            found.ifPresent(t -> {
                sent.ccid = foreseen.ccid();
                sent.read = new IdRead(t.tableId(), datasetId, id);
            });
            return found.map(t -> byId.query(foreseen.ccid(), t.tableId(), datasetId, id));
        }, rows -> sent.rows = rows);
        request.authenticate(caller, campaignIsCentre);
        return sent;
    }

    /** The id of a read by id alone: no other filter, no search, no sort. */
    private static Optional<Long> plainId(ApiRequest request) {
        for (String other : OTHER_FILTERS) {
            // has, not optional: optional refuses a JSON object, the body's form of search;
            // has also sees search[...] and a search given as JSON text.
            if (request.has(other)) {
                return Optional.empty();
            }
        }
        return idParam(request);
    }

    /** The record id a read names by {@code id} or, failing that, {@code urn}. */
    private static Optional<Long> idParam(ApiRequest request) {
        for (String name : List.of("id", "urn")) {
            // id[]=N, PHP's form of an array, names no one record: ignoring it would read the
            // whole table.
            if (!request.nested(name).isEmpty()) {
                throw ApiException.badArgument(name);
            }
        }
        return request.optional("id").or(() -> request.optional("urn"))
                .map(id -> whole(id, request.has("id") ? "id" : "urn"));
    }

    /** The definitions of the table read, or empty for a dataset the centre does not have. */
    private Optional<TableDefinitions> definitions(ApiRequest request) {
        Optional<String> tableName = request.optional("table");
        Optional<Long> datasetId = request.longParam("dataset");
        if (tableName.isEmpty() && datasetId.isEmpty()) {
            throw new ApiException("Missing table or dataset");
        }

        if (tableName.isPresent()) {
            TableDefinitions defs = definitions.byName(request.caller(), tableName.get());
            if (defs.table().isEmpty()) {
                throw new ApiException("Table [" + tableName.get() + "] does not exist.");
            }
            return Optional.of(defs);
        }

        return datasets.byId(request.ccid(), datasetId.get())
                .map(d -> definitions.byId(request.caller(), d.tableId()));
    }

    private Condition filters(ApiRequest request, Centre centre, List<FieldDef> fields) {
        Condition where = DSL.noCondition();
        Optional<Long> id = idParam(request);
        if (id.isPresent()) {
            where = where.and(Records.ID.eq(id.get()));
        }
        Optional<String> outcome = request.optional("outcome");
        if (outcome.isPresent()) {
            List<Long> codes = new ArrayList<>();
            for (String part : outcome.get().split(",")) {
                codes.add(whole(part, "outcome"));
            }
            where = where.and(Records.OUTCOMECODE.in(codes));
        }
        Optional<String> agent = request.optional("agent");
        if (agent.isPresent()) {
            where = where.and(Records.AGENTREF.eq(whole(agent.get(), "agent")));
        }
        Optional<String> ddi = request.optional("ddi");
        if (ddi.isPresent()) {
            String number = PhoneNumbers.e164(ddi.get(), centre.country())
                    .orElseThrow(() -> ApiException.badArgument("ddi"));
            where = where.and(anyPhoneIs(number));
        }
        where = where.and(search(request, centre, fields));
        where = where.and(mode(request));
        return where.and(timeRange(request, centre.zone()));
    }

    private static Condition anyPhoneIs(String e164) {
        Condition any = DSL.falseCondition();
        for (String phone : StandardFields.PHONES) {
            any = any.or(Records.e164(phone).eq(e164));
        }
        return any;
    }

    private static long whole(String text, String name) {
        if (!WHOLE.matcher(text.trim()).matches()) {
            throw ApiException.badArgument(name);
        }
        return Long.parseLong(text.trim());
    }

    private Condition search(ApiRequest request, Centre centre, List<FieldDef> fields) {
        Map<String, String> search = request.nested("search");
        if (search.isEmpty()) {
            Optional<String> plain = request.optional("search");
            if (plain.isEmpty()) {
                return DSL.noCondition();
            }
            // PHP 8.2's curl flattens the vendor's example search => [id => 34] to search=34.
            if (!DIGITS.matcher(plain.get()).matches()) {
                throw ApiException.badArgument("search");
            }
            return Records.ID.eq(Long.parseLong(plain.get()));
        }
        String type = request.optional("type").map(t -> t.toLowerCase(Locale.ROOT))
                .orElse("contains");
        if (!type.equals("exact") && !type.equals("contains")) {
            throw ApiException.badArgument("type");
        }
        boolean exact = type.equals("exact");
        for (Map.Entry<String, String> e : search.entrySet()) {
            if (e.getKey().equalsIgnoreCase("id")) {
                return Records.ID.eq(whole(e.getValue() == null ? "" : e.getValue(), "search"));
            }
        }
        Condition where = DSL.noCondition();
        for (Map.Entry<String, String> e : search.entrySet()) {
            String value = e.getValue() == null ? "" : e.getValue();
            where = where.and(searchOne(e.getKey(), value, exact, centre, fields));
        }
        return where;
    }

    private static Condition searchOne(String key, String value, boolean exact, Centre centre,
            List<FieldDef> fields) {
        String lower = key.toLowerCase(Locale.ROOT);
        if (lower.equals("phone")) {
            Optional<String> e164 = PhoneNumbers.e164(value, centre.country());
            if (e164.isPresent()) {
                return anyPhoneIs(e164.get());
            }
            Condition any = DSL.falseCondition();
            for (String phone : StandardFields.PHONES) {
                FieldDef f = StandardFields.named(phone).orElseThrow();
                any = any.or(textMatch(Records.column(f), value, exact));
            }
            return any;
        }
        String target = StandardFields.ALIASES.getOrDefault(lower, lower);
        FieldDef field = fields.stream()
                .filter(f -> f.name().equalsIgnoreCase(target)).findFirst()
                .orElseThrow(() -> ApiException.badArgument("search"));
        if (!field.standard()) {
            return exists(selectOne().from(Records.VALUES).where(
                    Records.VALUE_RECORD.eq(Records.ID),
                    Records.VALUE_FIELD.eq(field.fieldId()),
                    textMatch(Records.FIELD_VALUE, value, exact)));
        }
        Field<?> column = Records.column(field);
        if (field.isInt()) {
            return column.cast(Long.class).eq(whole(value, "search"));
        }
        if (field.isDatetime()) {
            long at = Datetimes.epoch(Datetimes.parseLocal(value, false)
                    .orElseThrow(() -> ApiException.badArgument("search")), centre.zone());
            return column.cast(Long.class).eq(at);
        }
        return textMatch(column, value, exact);
    }

    private static Condition textMatch(Field<?> column, String value, boolean exact) {
        Field<String> text = lower(column.cast(String.class));
        String needle = value.toLowerCase(Locale.ROOT);
        if (exact) {
            return text.eq(needle);
        }
        String escaped = needle.replace("!", "!!").replace("%", "!%").replace("_", "!_");
        return text.like("%" + escaped + "%", '!');
    }

    private static Condition mode(ApiRequest request) {
        Optional<String> mode = request.optional("mode");
        if (mode.isEmpty()) {
            return DSL.noCondition();
        }
        return switch (mode.get().toLowerCase(Locale.ROOT)) {
            case "active" -> Records.PROCESSTYPE.in(ProcessTypes.ACTIVE);
            case "live" -> Records.PROCESSTYPE.in(ProcessTypes.LIVE);
            case "callbacks" -> Records.PROCESSTYPE.in(ProcessTypes.CALLBACKS);
            case "live-callbacks" -> Records.PROCESSTYPE.in(ProcessTypes.LIVE_CALLBACKS);
            case "unexpired" -> Records.PROCESSTYPE.ne(ProcessTypes.EXPIRED);
            default -> throw ApiException.badArgument("mode");
        };
    }

    private static Condition timeRange(ApiRequest request, ZoneId zone) {
        Optional<String> start = request.optional("tstart");
        Optional<String> stop = request.optional("tstop");
        Optional<String> timetype = request.optional("timetype");
        if (start.isEmpty() && stop.isEmpty()) {
            if (timetype.isPresent() && !List.of("callback", "processdate")
                    .contains(timetype.get().toLowerCase(Locale.ROOT))) {
                throw ApiException.badArgument("timetype");
            }
            return DSL.noCondition();
        }
        Field<Long> column = switch (timetype.orElse("processdate").toLowerCase(Locale.ROOT)) {
            case "callback" -> Records.CALLBACK;
            case "processdate" -> Records.PROCESSDATE;
            default -> throw ApiException.badArgument("timetype");
        };
        Condition where = column.isNotNull();
        if (start.isPresent()) {
            where = where.and(column.ge(Datetimes.epoch(Datetimes.parseLocal(start.get(), false)
                    .orElseThrow(() -> ApiException.badArgument("tstart")), zone)));
        }
        if (stop.isPresent()) {
            where = where.and(column.le(Datetimes.epoch(Datetimes.parseLocal(stop.get(), true)
                    .orElseThrow(() -> ApiException.badArgument("tstop")), zone)));
        }
        return where;
    }

    private Answer page(ApiRequest request, long ccid, Query query, List<FieldDef> fields,
            ZoneId zone) {
        Optional<Long> limit = request.longParam("limit");
        long start = request.longParam("start").orElse(0L);
        if (start < 0 || limit.map(l -> l < 0).orElse(false)) {
            throw ApiException.badArgument(start < 0 ? "start" : "limit");
        }
        List<SortField<?>> order = order(request, fields);
        long wanted = limit.orElse((long) readCap);
        int size = (int) Math.min(wanted, readCap);

        List<Record> rows = rows(ccid, query, order, size, start);
        int total = total(query.where(), start, size, rows.size());
        boolean truncated = wanted > readCap || limit.isEmpty() ? total - start > size : false;
        return new Answer.Rows(total, items(request, ccid, rows, fields, zone), truncated);
    }

    /** A read by id alone needs no order, limit or offset when it can answer its record. */
    private List<Record> rows(long ccid, Query query, List<SortField<?>> order, int size,
            long start) {
        if (query.byId().isPresent() && start == 0 && size > 0) {
            if (query.sent().isPresent()) {
                return query.sent().get();
            }
            IdRead one = query.byId().get();
            return byId.fetch(ccid, one.tableId(), one.datasetId(), one.id());
        }
        return Records.page(db.dsl(), query.where(), order, size,
                (int) Math.min(start, Integer.MAX_VALUE));
    }

    private List<Map<String, Object>> items(ApiRequest request, long ccid, List<Record> rows,
            List<FieldDef> fields, ZoneId zone) {
        List<Long> ids = rows.stream().map(r -> r.get(Records.ID)).toList();
        Map<Long, Map<Long, String>> custom = fields.stream().allMatch(FieldDef::standard)
                ? Map.of() : Records.customValues(db.dsl(), ccid, ids);
        List<Map<String, Object>> list = new ArrayList<>();
        boolean explain = explainer != null
                && request.optional("explain").map(v -> v.equals("1")).orElse(false);
        Map<Long, Long> queueOfDataset = new HashMap<>();
        Optional<FieldDef> zoneField = fields.stream().filter(ZoneField::is).findFirst();
        for (Record r : rows) {
            Map<String, Object> item = Records.item(r, fields, custom.get(r.get(Records.ID)), zone);
            if (explain) {
                String own = zoneField.map(f -> (String) item.get(f.name()))
                        .filter(z -> !z.isBlank()).orElse(null);
                explain(item, r, own, queueOfDataset, zone);
            }
            list.add(item);
        }
        return list;
    }

    /**
     * The number of matching rows. A short page that is not empty (or the first page) already
     * tells it, which saves the count for a read by id, the commonest read.
     */
    private int total(Condition where, long start, int size, int got) {
        if (got < size && (got > 0 || start == 0)) {
            return (int) start + got;
        }
        return Records.count(db.dsl(), where);
    }

    private void explain(Map<String, Object> item, Record r, String ownZone,
            Map<Long, Long> queueOfDataset, ZoneId zone) {
        long ccid = r.get(Records.CCID);
        long qid = queueOfDataset.computeIfAbsent(r.get(Records.DATASETID),
                d -> datasets.byId(ccid, d).map(Datasets.Dataset::qid).orElse(0L));
        List<String> phones = new ArrayList<>();
        for (String phone : StandardFields.PHONES) {
            Optional.ofNullable(r.get(Records.e164(phone))).ifPresent(phones::add);
        }
        Integer attempts = r.get(DSL.field(DSL.name("records", "attempts"), Integer.class));
        Long last = r.get(DSL.field(DSL.name("records", "last_attempt_at"), Long.class));
        Long callback = r.get(Records.CALLBACK);
        DialExplainer.Subject subject = new DialExplainer.Subject(ccid, r.get(Records.ID), qid,
                r.get(Records.PROCESSTYPE), phones,
                r.get(DSL.field(DSL.name("records", "postcode"), String.class)),
                attempts == null ? 0 : attempts,
                last == null ? null : Instant.ofEpochSecond(last),
                callback == null ? null : Instant.ofEpochSecond(callback), ownZone,
                Long.valueOf(1).equals(r.get(Records.CALL_BACK_SAMETIME)));
        DialExplainer.Explanation why = explainer.explain(subject, clock.instant());
        item.put("dialable", why.dialable() ? "Y" : "N");
        item.put("reason", why.reason());
        item.put("next_dial", why.nextDial() == null ? ""
                : Datetimes.format(why.nextDial().getEpochSecond(), zone));

        // What the dialler itself last refused, which may differ from the judgement now.
        String refusal = r.get(Records.REFUSAL_REASON);
        Long refusedAt = r.get(Records.REFUSED_AT);
        item.put("last_refusal", refusal == null ? "" : refusal);
        item.put("last_refusal_at", refusedAt == null ? ""
                : Datetimes.format(refusedAt, zone));
    }

    private static List<SortField<?>> order(ApiRequest request, List<FieldDef> fields) {
        List<SortField<?>> order = new ArrayList<>();
        Optional<String> sort = request.optional("sort");
        if (sort.isPresent()) {
            boolean desc = sort.get().startsWith("-");
            String name = desc ? sort.get().substring(1) : sort.get();
            FieldDef f = StandardFields.named(name).filter(x -> !x.name().equals("id"))
                    .orElse(null);
            if (f == null && !name.equalsIgnoreCase("id")) {
                throw ApiException.badArgument("sort");
            }
            if (f == null) {
                order.add(desc ? Records.ID.desc() : Records.ID.asc());
                return order;
            }
            Field<?> column = Records.column(f);
            order.add(desc ? column.desc() : column.asc());
        }
        order.add(Records.ID.asc());
        return order;
    }
}
