package org.opendialler.reporting;

import static org.jooq.impl.DSL.inline;
import static org.opendialler.reporting.CdrTable.*;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.opendialler.protocol.Answer;
import org.opendialler.protocol.ApiException;
import org.opendialler.protocol.ApiRequest;
import org.opendialler.store.Database;

/**
 * {@code method=agents}: agent sessions whose login is in {@code range}, one item per session,
 * or with {@code groupby} one item per group with the numeric fields summed, the earliest login
 * and first call and the latest logout and last call.
 */
final class AgentsReport {

    /** One field of a session: column, kind, and a description for the catalogue. */
    record AgentField(String field, String name, Field<Long> column, Field<String> text,
            Kind kind, String description) {

        Field<?> expr() {
            return text != null ? text : column;
        }

        Condition isSet() {
            return switch (kind) {
                case NAME -> text.ne(inline(""));
                case ID, AMOUNT -> column.ne(inline(0L));
                case TIME -> column.isNotNull();
            };
        }
    }

    enum Kind { ID, NAME, TIME, AMOUNT }

    static final Map<String, AgentField> FIELDS = new LinkedHashMap<>();

    static {
        put("aid", "Agent ID", AID, null, Kind.ID, "the agent id");
        put("anm", "Agent", null, ANM, Kind.NAME, "the agent's name");
        put("tid", "Team ID", TID, null, Kind.ID, "the agent's team id (0 when none)");
        put("tnm", "Team", null, TNM, Kind.NAME, "the team's name");
        put("tm_login", "Login", TM_LOGIN, null, Kind.TIME, "login, Unix seconds");
        put("tm_logout", "Logout", TM_LOGOUT, null, Kind.TIME, "logout, Unix seconds");
        put("tm_first", "First Call", TM_FIRST, null, Kind.TIME, "first call, Unix seconds");
        put("tm_last", "Last Call", TM_LAST, null, Kind.TIME, "last call, Unix seconds");
        put("sec_login", "Logged In", SEC_LOGIN, null, Kind.AMOUNT, "seconds logged in");
        put("sec_wait", "Waiting", SEC_WAIT, null, Kind.AMOUNT, "seconds waiting for calls");
        put("sec_talk", "Talking", SEC_TALK, null, Kind.AMOUNT, "seconds talking");
        put("sec_wrap", "Wrapping", SEC_WRAP, null, Kind.AMOUNT, "seconds in wrap");
        put("sec_pause", "Paused", SEC_PAUSE, null, Kind.AMOUNT, "seconds paused");
        put("nc_all", "Calls", NC_ALL, null, Kind.AMOUNT, "calls taken");
    }

    private final Database db;

    AgentsReport(Database db) {
        this.db = db;
    }

    private static void put(String field, String name, Field<Long> column, Field<String> text,
            Kind kind, String description) {
        FIELDS.put(field, new AgentField(field, name, column, text, kind, description));
    }

    Answer read(ApiRequest request) {
        List<AgentField> fields = fields(request, "fields");
        List<AgentField> groups = request.optional("groupby").isPresent()
                ? fields(request, "groupby") : List.of();
        if (groups.stream().anyMatch(g -> g.kind() == Kind.TIME || g.kind() == Kind.AMOUNT)) {
            throw ApiException.badArgument("groupby");
        }
        Params.Range range = Params.range(request);
        Condition where = CCID.eq(request.ccid())
                .and(TM_LOGIN.between(range.start(), range.stop()))
                .and(Params.ids(request, "agent", AID))
                .and(Params.ids(request, "team", TID));
        for (AgentField f : fields(request, "isset", false)) {
            where = where.and(f.isSet());
        }
        return groups.isEmpty() ? sessions(fields, where) : grouped(fields, groups, where);
    }

    private static List<AgentField> fields(ApiRequest request, String name) {
        return fields(request, name, true);
    }

    private static List<AgentField> fields(ApiRequest request, String name, boolean required) {
        List<AgentField> out = new ArrayList<>();
        List<String> names = required ? Params.list(request, name)
                : Params.optionalList(request, name);
        for (String f : names) {
            AgentField field = FIELDS.get(f);
            if (field == null) {
                throw Params.unknownField(f);
            }
            out.add(field);
        }
        return out;
    }

    private Answer sessions(List<AgentField> fields, Condition where) {
        List<Field<?>> select = fields.stream().<Field<?>>map(f -> f.expr().as(f.field())).toList();
        List<Map<String, Object>> items = new ArrayList<>();
        long total = db.dsl().fetchCount(SESSIONS, where);
        for (Record r : db.dsl().select(select).from(SESSIONS).where(where)
                .orderBy(TM_LOGIN, SESSION_ID).limit(Params.DEFAULT_CAP).fetch()) {
            Map<String, Object> item = new LinkedHashMap<>();
            for (AgentField f : fields) {
                Object v = r.get(f.field());
                item.put(f.field(), v == null ? null : v.toString());
            }
            items.add(item);
        }
        return new Answer.Rows(total, items, total > Params.DEFAULT_CAP);
    }

    private Answer grouped(List<AgentField> fields, List<AgentField> groups, Condition where) {
        List<Field<?>> by = groups.stream().<Field<?>>map(AgentField::expr).toList();
        List<Field<?>> select = new ArrayList<>();
        for (AgentField f : fields) {
            select.add(aggregate(f, groups).as(f.field()));
        }
        List<Map<String, Object>> items = new ArrayList<>();
        for (Record r : db.dsl().select(select).from(SESSIONS).where(where).groupBy(by)
                .orderBy(by).fetch()) {
            Map<String, Object> item = new LinkedHashMap<>();
            for (AgentField f : fields) {
                Object v = r.get(f.field());
                boolean number = f.kind() == Kind.AMOUNT;
                item.put(f.field(), v == null ? null : number ? CallFields.num(v) : v.toString());
            }
            items.add(item);
        }
        return Answer.Rows.of(items);
    }

    /** A grouped field: its value, a sum, or the earliest or latest instant of the group. */
    private static Field<?> aggregate(AgentField f, List<AgentField> groups) {
        if (groups.contains(f)) {
            return f.expr();
        }
        return switch (f.kind()) {
            case AMOUNT -> DSL.sum(f.column());
            case TIME -> f.field().equals("tm_login") || f.field().equals("tm_first")
                    ? DSL.min(f.column()) : DSL.max(f.column());
            case ID -> DSL.max(f.column());
            case NAME -> DSL.max(f.text());
        };
    }
}
