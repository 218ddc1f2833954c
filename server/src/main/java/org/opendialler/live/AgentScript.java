package org.opendialler.live;

import static org.jooq.impl.DSL.field;
import org.jooq.impl.DSL;
import static org.jooq.impl.DSL.table;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.jooq.Field;
import org.jooq.Record;
import org.opendialler.database.Queues;
import org.opendialler.dialler.AgentDesk;
import org.opendialler.dialler.AgentState;
import org.opendialler.dialler.ClaimedRecord;
import org.opendialler.dialler.DiallerEngine;
import org.opendialler.dialler.Disposition;
import org.opendialler.dialler.IllegalAgentStateException;
import org.opendialler.dialler.Outcome;
import org.opendialler.ecnow.Datetimes;
import org.opendialler.phone.PhoneNumbers;
import org.opendialler.protocol.Answer;
import org.opendialler.protocol.ApiException;
import org.opendialler.protocol.ApiRequest;
import org.opendialler.protocol.Format;
import org.opendialler.protocol.Script;
import org.opendialler.store.Database;
import org.opendialler.telephony.UnsupportedCallOperationException;
import org.opendialler.tenancy.Tenancy;

/**
 * {@code agent.php}: an agent driven by the API (a softphone, a CRM) logs in on a dialling
 * queue, takes calls and sets outcomes through the running dialler's {@link AgentDesk}. Only
 * {@code state} works without the dialler, from {@code status_log}. {@code events} answers a
 * Server-Sent Events stream of state changes ({@link AgentEvents}).
 */
public final class AgentScript implements Script {

    static final String NOT_RUNNING = "Dialler is not running";
    static final String NOT_SUPPORTED = "Not supported by this telephony port";
    /** Every action handle and act answer, refused as unknown before anything is looked up. */
    private static final Set<String> ACTIONS = Set.of("events", "state", "agent_dial", "ready",
            "unpause", "pause", "hangup", "park", "unpark", "unpark_tpt", "transfer", "wrap",
            "hangupready", "disposition", "callback", "logout", "next", "manual_dial");
    private static final Field<Long> A_ID = field(DSL.name("agentid"), Long.class);
    private static final Field<Long> CCID = field(DSL.name("ccid"), Long.class);
    private static final Field<Long> P_QID = field(DSL.name("qid"), Long.class);
    private static final Field<Integer> P_LEVEL = field(DSL.name("prio_level"), Integer.class);
    private static final Field<String> S_STATE = field(DSL.name("state"), String.class);
    private static final Field<Long> S_AGENT = field(DSL.name("agent"), Long.class);
    private static final Field<Long> S_QID = field(DSL.name("qid"), Long.class);
    private static final Field<Long> S_START = field(DSL.name("start_at"), Long.class);
    private static final Field<Long> S_STOP = field(DSL.name("stop_at"), Long.class);
    private static final Field<Long> S_UID = field(DSL.name("uid"), Long.class);
    private static final List<String> RECORD_FIELDS = List.of("id", "datasetid", "title",
            "firstname", "lastname", "postcode", "homephone", "workphone", "mobilephone",
            "customer_email", "processtype", "outcomecode", "notes", "callback");

    /** Heartbeats of an event stream: the default, and the bounds a client may ask. */
    static final int HEARTBEAT_DEFAULT = 15;
    static final int HEARTBEAT_MAX = 25;

    private final Supplier<DiallerEngine> engine;
    private final Database db;
    private final Tenancy tenancy;
    private final AgentEvents events;

    public AgentScript(Supplier<DiallerEngine> engine, Database db, Tenancy tenancy,
            AgentEvents events) {
        this.engine = engine;
        this.db = db;
        this.tenancy = tenancy;
        this.events = events;
    }

    @Override
    public String name() {
        return "agent.php";
    }

    @Override
    public Format defaultFormat() {
        return Format.JSON;
    }

    @Override
    public Answer handle(ApiRequest request) {
        String action = request.optional("action").map(a -> a.trim().toLowerCase(Locale.ROOT))
                .orElseThrow(ApiException::unknownAction);
        if (!ACTIONS.contains(action)) {
            // Before the agent and the dialler are looked at: a typo is not "not running".
            throw ApiException.unknownAction();
        }
        if (action.equals("events")) {
            try {
                return events(request);
            } catch (IllegalStateException e) {
                throw new ApiException(e.getMessage());
            }
        }
        long agent = agent(request);
        try {
            return act(request, action, agent);
        } catch (IllegalAgentStateException e) {
            throw new ApiException(refusal(e));
        } catch (UnsupportedCallOperationException e) {
            throw new ApiException(NOT_SUPPORTED);
        } catch (IllegalStateException | IllegalArgumentException e) {
            throw new ApiException(e.getMessage());
        }
    }

    private Answer act(ApiRequest request, String action, long agent) {
        if (action.equals("state")) {
            return state(request, agent);
        }
        AgentDesk desk = desk(request);
        switch (action) {
            case "agent_dial" -> desk.login(agent, queues(request, agent));
            case "ready", "unpause" -> desk.ready(agent);
            case "pause" -> desk.pause(agent, request.optional("reason").orElse(null));
            case "hangup" -> desk.hangUp(agent);
            case "park" -> desk.park(agent);
            case "unpark" -> desk.unpark(agent);
            case "unpark_tpt" -> desk.unparkThirdParty(agent);
            case "transfer" -> transfer(request, desk, agent);
            case "wrap" -> wrap(desk, agent);
            case "hangupready" -> desk.disposition(agent, disposition(request, desk, true),
                    false);
            case "disposition" -> desk.disposition(agent, disposition(request, desk, true),
                    yes(request, "pause"));
            case "callback" -> desk.callback(agent, callback(request)
                    .orElseThrow(() -> ApiException.badArgument("callback")),
                    yes(request, "agent_specific"));
            case "logout" -> desk.logout(agent);
            case "next" -> {
                return next(request, desk, agent);
            }
            case "manual_dial" -> {
                if (request.has("number")) {
                    throw new ApiException("manual_dial of a number is not supported: use "
                            + "click2dial.php, or next then manual_dial");
                }
                desk.dialPreview(agent);
            }
            default -> throw ApiException.unknownAction();
        }
        return state(request, agent);
    }

    /**
     * A Server-Sent Events stream of one agent's state changes, or of every agent of the
     * centre without {@code agent}; {@code heartbeat} seconds between comments when quiet.
     */
    private Answer events(ApiRequest request) {
        boolean one = request.has("agent") || request.has("agentid");
        Long agent = one ? agent(request) : null;
        long heartbeat = request.longParam("heartbeat").orElse((long) HEARTBEAT_DEFAULT);
        if (heartbeat < 1 || heartbeat > HEARTBEAT_MAX) {
            throw ApiException.badArgument("heartbeat");
        }
        AgentDesk desk = desk(request);
        return new Answer.Events(events.open(desk, agent), Duration.ofSeconds(heartbeat));
    }

    /**
     * To queue {@code qid}, to {@code number}, or without either to the third party the agent
     * consulted. Everything is checked before anything moves.
     */
    private void transfer(ApiRequest request, AgentDesk desk, long agent) {
        boolean toQueue = request.has("qid");
        boolean toNumber = request.has("number");
        if (toQueue && toNumber) {
            throw new ApiException("Transfer to qid or number, not both");
        }
        if (toQueue) {
            long qid = request.longParam("qid").orElseThrow(() -> ApiException.badArgument(
                    "qid"));
            if (!new Queues(db).exists(request.ccid(), qid)) {
                throw new ApiException("Queue not found");
            }
            desk.transferToQueue(agent, qid);
        } else if (toNumber) {
            String country = tenancy.centre(request.ccid()).orElseThrow().country();
            String number = request.optional("number").flatMap(n -> PhoneNumbers.e164(n,
                    country)).orElseThrow(() -> ApiException.badArgument("number"));
            String refused = desk.transferToNumber(agent, number);
            if (refused != null) {
                throw new ApiException("Number not dialled: " + refused);
            }
        } else {
            desk.putThrough(agent);
        }
    }

    private static void wrap(AgentDesk desk, long agent) {
        AgentState state = desk.view(agent).state();
        if (state == AgentState.CALL) {
            // The simulated port cannot keep a line without its agent: wrap ends the call.
            desk.endCall(agent);
        } else if (state != AgentState.WRAP) {
            throw new IllegalAgentStateException(agent, java.util.EnumSet.of(AgentState.CALL,
                    AgentState.WRAP), state, "wrap");
        }
    }

    private Answer next(ApiRequest request, AgentDesk desk, long agent) {
        Optional<ClaimedRecord> next = desk.next(agent);
        if (next.isEmpty()) {
            throw new ApiException("No record to preview");
        }
        return state(request, agent);
    }

    private Disposition disposition(ApiRequest request, AgentDesk desk, boolean required) {
        long id = request.longParam("outcome").orElseThrow(() -> ApiException
                .badArgument("outcome"));
        Outcome outcome = desk.outcome(id).orElseThrow(() -> new ApiException(
                "Outcome not found"));
        Optional<Instant> callback = callback(request);
        boolean specific = yes(request, "agent_specific");
        if (specific && callback.isEmpty()) {
            throw ApiException.badArgument("agent_specific");
        }
        String notes = request.optional("notes_append").filter(n -> !n.isBlank()).orElse(null);
        return new Disposition(outcome, callback.orElse(null), specific, notes);
    }

    private Optional<Instant> callback(ApiRequest request) {
        Optional<String> text = request.optional("callback").map(String::trim)
                .filter(t -> !t.isEmpty());
        if (text.isEmpty()) {
            return Optional.empty();
        }
        if (text.get().matches("\\d{9,11}")) {
            return Optional.of(Instant.ofEpochSecond(Long.parseLong(text.get())));
        }
        ZoneId zone = tenancy.centre(request.ccid()).orElseThrow().zone();
        return Optional.of(Datetimes.parseLocal(text.get(), false)
                .map(l -> Instant.ofEpochSecond(Datetimes.epoch(l, zone)))
                .orElseThrow(() -> ApiException.badArgument("callback")));
    }

    private static boolean yes(ApiRequest request, String name) {
        String v = request.optional(name).orElse("").trim().toLowerCase(Locale.ROOT);
        return v.equals("1") || v.equals("y") || v.equals("yes") || v.equals("true");
    }

    private List<Long> queues(ApiRequest request, long agent) {
        Optional<String> given = request.optional("queues").filter(q -> !q.isBlank());
        if (given.isPresent()) {
            List<Long> qids = new ArrayList<>();
            for (String part : given.get().split(",")) {
                try {
                    qids.add(Long.parseLong(part.trim()));
                } catch (NumberFormatException e) {
                    throw ApiException.badArgument("queues");
                }
            }
            return qids;
        }
        List<Long> assigned = db.dsl().select(P_QID).from(table(DSL.name("priorities")))
                .where(CCID.eq(request.ccid()), A_ID.eq(agent))
                .orderBy(P_LEVEL, P_QID).fetch(P_QID);
        if (assigned.isEmpty()) {
            throw new ApiException("Agent has no queues: add priority rows for it");
        }
        return assigned;
    }

    private Answer state(ApiRequest request, long agent) {
        DiallerEngine running = engine.get();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("agent", agent);
        if (running == null) {
            Record row = db.dsl().select(S_STATE, S_QID, S_START)
                    .from(table(DSL.name("status_log")))
                    .where(CCID.eq(request.ccid()), S_AGENT.eq(agent), S_STOP.isNull())
                    .orderBy(S_UID.desc()).limit(1).fetchOne();
            body.put("state", row == null ? "logged_out" : row.get(S_STATE));
            body.put("line", null);
            body.put("qid", row == null ? null : row.get(S_QID));
            body.put("callid", null);
            body.put("tpt", null);
            body.put("urn", null);
            body.put("since", row == null ? null : row.get(S_START));
            body.put("record", null);
            return new Answer.Fields(body);
        }
        AgentDesk.AgentView view = running.desk(request.ccid()).view(agent);
        body.put("state", view.state().wireName());
        body.put("line", view.line() == null ? null : view.line().wireName());
        body.put("qid", view.qid());
        body.put("callid", view.callId());
        body.put("tpt", thirdParty(view.tpt()));
        body.put("urn", view.urn());
        body.put("since", view.since() == null ? null : view.since().getEpochSecond());
        body.put("record", view.urn() == null ? null : record(request.ccid(), view.urn()));
        return new Answer.Fields(body);
    }

    private static Map<String, Object> thirdParty(AgentDesk.ThirdParty tpt) {
        if (tpt == null) {
            return null;
        }
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("callid", tpt.callId());
        map.put("ddi", tpt.ddi());
        map.put("state", tpt.state());
        return map;
    }

    private Map<String, Object> record(long ccid, long urn) {
        List<Field<?>> fields = new ArrayList<>();
        RECORD_FIELDS.forEach(f -> fields.add(field(DSL.name(f))));
        Record r = db.dsl().select(fields).from(table(DSL.name("records")))
                .where(CCID.eq(ccid), field(DSL.name("id"), Long.class).eq(urn)).fetchOne();
        if (r == null) {
            return null;
        }
        Map<String, Object> map = new LinkedHashMap<>();
        for (String f : RECORD_FIELDS) {
            map.put(f, r.get(f));
        }
        return map;
    }

    private AgentDesk desk(ApiRequest request) {
        DiallerEngine running = engine.get();
        if (running == null) {
            throw new ApiException(NOT_RUNNING);
        }
        return running.desk(request.ccid());
    }

    private long agent(ApiRequest request) {
        String text = request.optional("agent").or(() -> request.optional("agentid"))
                .map(String::trim).orElseThrow(() -> ApiException.badArgument("agent"));
        long id;
        try {
            id = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw ApiException.badArgument("agent");
        }
        boolean mine = db.dsl().fetchExists(db.dsl().selectOne().from(table(DSL.name("agents")))
                .where(A_ID.eq(id), CCID.eq(request.ccid())));
        if (!mine) {
            throw new ApiException("Agent not found");
        }
        return id;
    }

    static String refusal(IllegalAgentStateException e) {
        return switch (e.actual()) {
            case LOGGED_OUT -> "Agent is not logged in";
            case CALL -> "Agent is on a call";
            case WRAP -> "Agent is in wrap: set a disposition first";
            case PAUSE -> "Agent is paused";
            case PREVIEW -> "Agent is previewing a record";
            case WAIT -> "Agent has no call";
        };
    }
}
