package org.opendialler.live;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.opendialler.protocol.Answer;
import org.opendialler.protocol.ApiException;
import org.opendialler.protocol.ApiRequest;
import org.opendialler.protocol.Format;
import org.opendialler.protocol.MethodScript;
import org.opendialler.store.Database;
import org.opendialler.tenancy.Centre;
import org.opendialler.tenancy.Tenancy;

/**
 * {@code ajax.php}: live statistics of the caller's centre, {@code action=read} with the methods
 * {@code agents}, {@code queues}, {@code calls} and {@code summary}. Live figures come from the
 * {@link LiveBoard}, today's counts from the call detail records.
 */
public final class AjaxScript extends MethodScript {

    private final Supplier<LiveBoard> board;
    private final LiveStore store;
    private final Tenancy tenancy;
    private final Clock clock;

    public AjaxScript(Supplier<LiveBoard> board, Database db, Tenancy tenancy, Clock clock) {
        super("ajax.php", Format.JSON, EnumSet.of(Format.JSON, Format.XML), false);
        this.board = board;
        this.store = new LiveStore(db);
        this.tenancy = tenancy;
        this.clock = clock;
        methods()
                .on("agents", "read", this::agents).defaultAction("agents", "read")
                .on("queues", "read", this::queues).defaultAction("queues", "read")
                .on("calls", "read", this::calls).defaultAction("calls", "read")
                .on("summary", "read", this::summary).defaultAction("summary", "read");
    }

    private Answer agents(ApiRequest request) {
        Snapshot now = snapshot(request);
        List<Map<String, Object>> items = new ArrayList<>();
        now.agents.forEach(a -> items.add(agentItem(a, now.at)));
        if ("all".equals(request.optional("mode").orElse(""))) {
            Set<Long> logged = new HashSet<>();
            now.agents.forEach(a -> logged.add(a.aid()));
            for (LiveStore.AgentRow row : store.agents(request.ccid())) {
                if (!logged.contains(row.aid()) && now.wanted(row.aid(), row.tid())) {
                    items.add(loggedOutItem(row));
                }
            }
            items.sort(Comparator.comparing(i -> Long.parseLong((String) i.get("aid"))));
        }
        return page(request, items);
    }

    private Answer queues(ApiRequest request) {
        Snapshot now = snapshot(request);
        List<Map<String, Object>> items = new ArrayList<>();
        for (LiveStore.QueueRow q : now.queues) {
            items.add(queueItem(q, now));
        }
        return page(request, items);
    }

    private Answer calls(ApiRequest request) {
        Snapshot now = snapshot(request);
        List<Map<String, Object>> items = new ArrayList<>();
        now.calls.forEach(c -> items.add(callItem(c, now.at)));
        return page(request, items);
    }

    private Answer summary(ApiRequest request) {
        Snapshot now = snapshot(request);
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("queues", now.queues.size());
        item.put("agents_logged", now.agents.size());
        for (String state : List.of("wait", "call", "wrap", "pause", "preview")) {
            item.put("agents_" + state,
                    now.agents.stream().filter(a -> state.equals(a.state())).count());
        }
        putCalls(item, now.calls, now.at);
        LiveStore.Today today = now.today.values().stream()
                .reduce(LiveStore.Today.NONE, LiveStore.Today::plus);
        putToday(item, today);
        item.put("tm_day_start", now.dayStart.getEpochSecond());
        item.put("tm_now", now.at.getEpochSecond());
        return page(request, List.of(item));
    }

    private Snapshot snapshot(ApiRequest request) {
        long ccid = request.ccid();
        LiveFilters filters = LiveFilters.of(request);
        ZoneId zone = tenancy.centre(ccid).map(Centre::zone).orElse(ZoneId.of("UTC"));
        LiveBoard live = board.get();
        return Snapshot.take(live, store, ccid, zone, live.now(clock), filters);
    }

    private static Map<String, Object> agentItem(LiveBoard.AgentNow a, Instant at) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("aid", String.valueOf(a.aid()));
        item.put("anm", a.name());
        item.put("tid", String.valueOf(a.tid()));
        item.put("state", a.state());
        item.put("sec_state", seconds(a.since(), at));
        item.put("qid", text(a.qid()));
        item.put("callid", text(a.callid()));
        item.put("ddi", a.ddi());
        item.put("urn", text(a.urn()));
        return item;
    }

    private static Map<String, Object> loggedOutItem(LiveStore.AgentRow row) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("aid", String.valueOf(row.aid()));
        item.put("anm", row.name());
        item.put("tid", String.valueOf(row.tid()));
        item.put("state", "logged_out");
        item.put("sec_state", null);
        item.put("qid", null);
        item.put("callid", null);
        item.put("ddi", null);
        item.put("urn", null);
        return item;
    }

    private static Map<String, Object> queueItem(LiveStore.QueueRow q, Snapshot now) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("qid", String.valueOf(q.qid()));
        item.put("qnm", q.name());
        item.put("qtype", q.type());
        List<LiveBoard.AgentNow> agents = now.agents.stream()
                .filter(a -> now.onQueue(a, q.qid())).toList();
        item.put("agents_logged", agents.size());
        item.put("agents_wait", agents.stream().filter(a -> "wait".equals(a.state())).count());
        putCalls(item, now.calls.stream().filter(c -> c.qid() == q.qid()).toList(), now.at);
        putToday(item, now.today.getOrDefault(q.qid(), LiveStore.Today.NONE));
        LiveBoard.Meters meters = now.meters.get(q.qid());
        item.put("abandon_rate_24h", meters == null ? null : round(meters.rate24h()));
        item.put("abandon_rate_30d", meters == null ? null : round(meters.rate30d()));
        item.put("abandon_target", meters == null ? round(q.target().doubleValue())
                : round(meters.target()));
        return item;
    }

    private static Map<String, Object> callItem(LiveBoard.CallNow c, Instant at) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("callid", String.valueOf(c.callid()));
        item.put("qid", String.valueOf(c.qid()));
        item.put("ctype", c.ctype());
        item.put("dtype", c.dtype());
        item.put("ddi", c.ddi());
        item.put("cli", c.cli());
        item.put("aid", text(c.aid()));
        item.put("state", c.state());
        item.put("sec_state", seconds(c.since(), at));
        return item;
    }

    private static void putCalls(Map<String, Object> item, List<LiveBoard.CallNow> calls,
            Instant at) {
        for (String state : List.of("ringing", "queued", "talking")) {
            item.put("calls_" + state, calls.stream().filter(c -> state.equals(c.state())).count());
        }
        item.put("sec_longest_wait", calls.stream().filter(c -> "queued".equals(c.state()))
                .mapToLong(c -> seconds(c.since(), at)).max().orElse(0));
    }

    private static void putToday(Map<String, Object> item, LiveStore.Today today) {
        item.put("nc_today", today.calls());
        item.put("nc_ans_today", today.answered());
        item.put("abandon_rate_today", today.live() == 0 ? 0.0
                : round(100.0 * today.abandoned() / today.live()));
    }

    private static Answer page(ApiRequest request, List<Map<String, Object>> items) {
        long start = natural(request, "start", 0);
        long limit = natural(request, "limit", Long.MAX_VALUE);
        List<Map<String, Object>> list = items.stream().skip(start).limit(limit).toList();
        return new Answer.Rows(items.size(), list, false);
    }

    private static long natural(ApiRequest request, String name, long otherwise) {
        long value = request.longParam(name).orElse(otherwise);
        if (value < 0) {
            throw ApiException.badArgument(name);
        }
        return value;
    }

    private static long seconds(Instant since, Instant at) {
        return since == null ? 0 : Math.max(0, Duration.between(since, at).toSeconds());
    }

    private static String text(Long id) {
        return id == null ? null : String.valueOf(id);
    }

    static double round(double percent) {
        return BigDecimal.valueOf(percent).setScale(2, RoundingMode.HALF_UP).doubleValue();
    }
}
