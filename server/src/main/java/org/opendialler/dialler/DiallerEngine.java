package org.opendialler.dialler;

import static org.opendialler.dialler.EngineTables.*;

import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.opendialler.compliance.DialGuard;
import org.opendialler.database.Queues;
import org.opendialler.live.LiveBoard;
import org.opendialler.reporting.CdrStore;
import org.opendialler.store.Database;
import org.opendialler.telephony.CarrierProfile;
import org.opendialler.telephony.DiscreteEventScheduler;
import org.opendialler.telephony.RealTimeDriver;
import org.opendialler.telephony.SimulatedCarrier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running dialler of a server: one {@link Dialler} per live outbound queue with a caller id,
 * each on a simulated carrier with the queue's agents simulated, all on one scheduler. It finds
 * queues as they go live (and stops those that stop being live), closes what a stopped server
 * left open before it dials, and shows what happens through {@link LiveBoard}. The board and
 * {@link #stats} are thread-safe; everything else runs on the scheduler's thread.
 */
public final class DiallerEngine implements LiveBoard, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DiallerEngine.class);
    private static final Duration SNAPSHOT_EVERY = Duration.ofSeconds(5);
    private static final String DEFAULT_INFO_MESSAGE = "information-message";
    /** A transferred customer's wait for an agent when the queue sets no {@code max_wait}. */
    static final Duration DEFAULT_MAX_WAIT = Duration.ofSeconds(60);

    private final Database db;
    private final DialGuard guard;
    private final EngineSettings settings;
    private final Path recordings;
    private final DiscreteEventScheduler scheduler;
    private final Queues queueLookup;
    private final EngineStats stats = new EngineStats();
    private final Map<Long, RunningQueue> running = new HashMap<>();
    private final Map<Long, AgentLog> agentLogs = new HashMap<>();
    private final Set<Long> agentsInUse = new HashSet<>();
    private final Map<Long, Live<AgentNow>> agentsNow = new ConcurrentHashMap<>();
    private final Map<Long, Live<CallNow>> callsNow = new ConcurrentHashMap<>();
    private final Map<Long, Live<Meters>> metersNow = new ConcurrentHashMap<>();
    private final Map<Long, Long> urnOfCall = new ConcurrentHashMap<>();
    private final Map<Long, AgentDesk.PendingCallback> callbacks = AgentDesk.newCallbacks();
    private final List<Watcher> watchers = new CopyOnWriteArrayList<>();
    private final EngineMetrics metrics;
    private final Object stepLock = new Object();
    private volatile boolean busy;
    private volatile Instant lastShiftEnd = Instant.MIN;
    private RealTimeDriver driver;

    /** A value of one centre, for the board. */
    record Live<T>(long ccid, T value) {
    }

    /**
     * A queue being dialled, with its claims and the claim batch its dialler draws from;
     * {@code simulated} holds null when it has no simulated agents.
     */
    private record RunningQueue(long ccid, Dialler dialler, QueueSettings settings,
            SqlRecordClaims claims, ClaimBatch batch, SimulatedAgents[] simulated) {
    }

    /** An agent logged in on a queue's dialler. */
    record Seated(Dialler dialler, long qid) {
    }

    /** Who hears the state changes of a centre's agents, or of one agent when not null. */
    private record Watcher(long ccid, Long agentId, Consumer<AgentDesk.StateEvent> listener) {
    }

    /**
     * An engine; nothing runs until {@link #start}.
     *
     * @param clock the server's clock, read for the start time when the settings name none
     * @param dataDir recordings go under {@code dataDir/recordings}
     */
    public DiallerEngine(Database db, DialGuard guard, EngineSettings settings, Path dataDir,
            Clock clock) {
        this(db, guard, settings, dataDir, clock, null);
    }

    /** An engine whose meters go to {@code registry} (none when it is null). */
    public DiallerEngine(Database db, DialGuard guard, EngineSettings settings, Path dataDir,
            Clock clock, MeterRegistry registry) {
        this.db = db;
        this.metrics = new EngineMetrics(registry);
        this.guard = guard;
        this.settings = settings;
        this.recordings = dataDir.resolve("recordings");
        this.queueLookup = new Queues(db);
        Instant start = settings.start() != null ? settings.start() : clock.instant();
        this.scheduler = new DiscreteEventScheduler(start);
    }

    /** Closes what a stopped server left open, then starts dialling live queues. */
    public void start() {
        Recovery.run(db, settings.node(), scheduler.clock().instant());
        scheduler.execute(this::scan);
        scheduler.execute(this::snapshot);
        if (settings.realTime()) {
            driver = new RealTimeDriver(scheduler, settings.scale(), System::nanoTime);
            driver.start();
        }
        LOG.info("Dialler engine started as node '{}' at {} ({}x)", settings.node(),
                scheduler.clock().instant(), settings.scale());
    }

    /** The scheduler, which a test steps when the engine runs without a real-time driver. */
    public DiscreteEventScheduler scheduler() {
        return scheduler;
    }

    Database database() {
        return db;
    }

    public EngineStats stats() {
        return stats;
    }

    /** The engine's (virtual) time. */
    /** Live figures are on the engine's clock, virtual in a simulated day. */
    @Override
    public Instant now(java.time.Clock serverClock) {
        return now();
    }

    public Instant now() {
        return scheduler.clock().instant();
    }

    /**
     * Whether the day is over: a shift has started and every shift has ended, nobody is logged
     * in and no call is in progress (as of the last snapshot, taken every 5 virtual seconds).
     */
    public boolean dayOver() {
        // A queue is running a moment before its agents' shift is set: not over yet then.
        return !busy && !running.isEmpty() && !lastShiftEnd.equals(Instant.MIN)
                && !now().isBefore(lastShiftEnd);
    }

    /** Whether a queue is being dialled (as of the last snapshot). */
    public boolean isDialling(long qid) {
        return metersNow.containsKey(qid);
    }

    /** The centre's open records in LIVE datasets on a queue: what is left to work. */
    public long recordsLeft(long ccid) {
        return db.dsl().fetchCount(RECORDS, R_CCID.eq(ccid),
                R_PROCESSTYPE.in(org.opendialler.ecnow.ProcessTypes.NEW,
                        org.opendialler.ecnow.ProcessTypes.WORKED),
                R_DATASET.in(DSL.select(D_ID).from(DATASETS)
                        .where(D_CCID.eq(ccid), D_STATUS.eq("LIVE"), D_QID.gt(0L))));
    }

    // ---- queues ----

    private void scan() {
        Set<Long> live = new LinkedHashSet<>();
        for (Record q : db.dsl().select(Q_ID, Q_CCID).from(QUEUES)
                .where(Q_TYPE.eq("outbound"), Q_LIVE.eq("Y"),
                        DSL.field(DSL.name("callerid"), String.class).isNotNull(),
                        DSL.field(DSL.name("campaign_table"), String.class).isNotNull())
                .orderBy(Q_ID).fetch()) {
            live.add(q.get(Q_ID));
            if (!running.containsKey(q.get(Q_ID))) {
                startQueue(q.get(Q_CCID), q.get(Q_ID));
            }
        }
        for (Map.Entry<Long, RunningQueue> e : running.entrySet()) {
            if (!live.contains(e.getKey()) && e.getValue().settings() != null) {
                e.getValue().dialler().stopQueue(e.getKey());
                e.getValue().batch().giveBackAll();
                LOG.info("Queue {} stopped dialling (no longer live)", e.getKey());
            }
        }
        running.entrySet().removeIf(e -> !live.contains(e.getKey()));

        // Claims read unleased records only: the leases a dead node left run out here. A
        // batch gives back what no longer belongs (a dataset off LIVE, a verdict too old).
        Set<Long> swept = new HashSet<>();
        for (RunningQueue q : running.values()) {
            if (swept.add(q.ccid())) {
                q.claims().sweep();
            }
            q.batch().tidy(q.claims().liveDatasets());
        }
        scheduler.after(settings.rescan(), this::scan);
    }

    private void startQueue(long ccid, long qid) {
        Queues.Queue q = queueLookup.find(ccid, qid).orElseThrow();
        QueueSettings qs = settings(ccid, q);
        long seed = settings.seed() * 1_000_003L + qid;
        SimulatedCarrier carrier = new SimulatedCarrier(CarrierProfile.typical(seed), scheduler);
        LivePort port = new LivePort(carrier, ccid, qid, scheduler.clock(), callsNow);
        SqlRecordClaims claims = new SqlRecordClaims(db, ccid,
                new SqlRecordClaims.QueueRules(qid, q.table(), q.maxAttempts(),
                        q.retryMinutes()), settings.node(), guard, scheduler.clock(),
                settings.lease());
        AgentLog agentLog = agentLogs.computeIfAbsent(ccid, AgentLog::new);
        SqlCallOutcomes outcomes = new SqlCallOutcomes(db, ccid, names(ccid, q), agentLog,
                recordings, stats, metrics);
        metrics.centre(ccid);
        CallGate gate = new CallGate() {
            @Override
            public boolean admit(long callId, QueueSettings queue, ClaimedRecord record,
                    Instant at) {
                return DiallerEngine.this.admit(ccid, claims, callId, queue, record, at);
            }

            @Override
            public void legStarted(long callId, QueueSettings queue, ClaimedRecord record,
                    String number, Instant at) {
                claims.legStarted(callId, queue, record, number, at);
            }
        };
        ClaimBatch batch = new ClaimBatch(claims, ClaimBatch.MOST, scheduler.clock());
        Dialler dialler = new Dialler(scheduler, port, batch, outcomes, Pacing.guarded(),
                () -> CdrStore.nextCallid(db.dsl()), gate);
        dialler.addAgentListener(change -> onAgent(ccid, qid, agentLog, change));
        dialler.start();
        dialler.startQueue(qs);
        dialler.seedMeter(qid, meter -> MeterHistory.fill(db, ccid, qid, now(), meter));
        SimulatedAgents[] simulated = new SimulatedAgents[1];
        running.put(qid, new RunningQueue(ccid, dialler, qs, claims, batch, simulated));
        LOG.info("Queue {} of centre {} started dialling ({}, table {})", qid, ccid,
                qs.dialMode().name().toLowerCase(Locale.ROOT), q.table());
        simulated[0] = staffQueue(ccid, qid, dialler, carrier, seed);
    }

    private boolean admit(long ccid, SqlRecordClaims claims, long callId, QueueSettings queue,
            ClaimedRecord record, Instant at) {
        if (!claims.admit(callId, queue, record, at)) {
            return false;
        }
        stats.countPlaced();
        metrics.placed(ccid);
        urnOfCall.put(callId, record.recordId());
        return true;
    }

    private QueueSettings settings(long ccid, Queues.Queue q) {
        Record extra = db.dsl().select(Q_MONITOR, Q_ANNOUNCE, Q_TPT_RECORD).from(QUEUES)
                .where(Q_ID.eq(q.qid()), Q_CCID.eq(ccid)).fetchOne();
        String monitor = extra.get(Q_MONITOR);
        String announce = extra.get(Q_ANNOUNCE);
        DialMode mode = DialMode.valueOf(q.dialMode().toUpperCase(Locale.ROOT));
        return new QueueSettings(q.qid(), q.table(), mode, q.maxRatio().doubleValue(),
                q.abandonTarget().doubleValue() > 0 ? q.abandonTarget().doubleValue()
                        : QueueSettings.DEFAULT_ABANDON_TARGET,
                Duration.ofSeconds(Math.max(15, q.ringTime())),
                Duration.ofSeconds(q.wrapTime()), q.callerId(), q.amd(),
                q.amdFpRate().doubleValue() / 100,
                announce == null || announce.isBlank() ? DEFAULT_INFO_MESSAGE : announce,
                "Y".equalsIgnoreCase(monitor), "Y".equalsIgnoreCase(extra.get(Q_TPT_RECORD)));
    }

    private SqlCallOutcomes.QueueNames names(long ccid, Queues.Queue q) {
        Record r = db.dsl().select(Q_DESCRIPTION, Q_CAMPAIGN).from(QUEUES)
                .where(Q_ID.eq(q.qid()), Q_CCID.eq(ccid)).fetchOne();
        Long cid = r.get(Q_CAMPAIGN);
        String cnm = cid == null ? null : db.dsl().select(C_NAME).from(CAMPAIGNS)
                .where(C_ID.eq(cid)).fetchOne(C_NAME);
        String name = r.get(Q_DESCRIPTION);
        return new SqlCallOutcomes.QueueNames(q.qid(), q.table(), name == null ? "" : name,
                cid == null ? 0 : cid, cnm == null ? "" : cnm);
    }

    /** Logs the queue's agents (database.php priorities) in for a shift, simulated. */
    private SimulatedAgents staffQueue(long ccid, long qid, Dialler dialler,
            SimulatedCarrier carrier, long seed) {
        Set<Long> agents = new LinkedHashSet<>();
        for (Long aid : db.dsl().select(P_AGENT).from(PRIORITIES)
                .where(P_QID.eq(qid), P_CCID.eq(ccid), P_AGENT.in(DSL.select(A_ID).from(AGENTS)
                        .where(A_CCID.eq(ccid), A_ACTIVE.eq("Y"))))
                .orderBy(P_AGENT).fetch(P_AGENT)) {
            // An agent is simulated on one queue only: the first that starts.
            if (agentsInUse.add(aid)) {
                agents.add(aid);
            }
        }
        if (agents.isEmpty()) {
            LOG.info("Queue {} has no agents to simulate", qid);
            return null;
        }
        AgentProfile profile = CentreOutcomes.profile(db, ccid, seed);
        SimulatedAgents simulated = new SimulatedAgents(dialler, scheduler, profile,
                callId -> carrier.truth(callId)
                        .map(t -> t == SimulatedCarrier.Truth.MACHINE).orElse(false));
        Instant end = now().plus(settings.shift());
        simulated.shift(agents, Set.of(qid), now(), end);
        if (end.isAfter(lastShiftEnd)) {
            lastShiftEnd = end;
        }
        return simulated;
    }

    private void onAgent(long ccid, long qid, AgentLog agentLog, AgentStateChange change) {
        if (!change.partOfOutcome()) {
            db.transaction(tx -> {
                agentLog.write(tx, change);
                return null;
            });
        }
        metrics.agent(ccid, change);
        tellWatchers(ccid, qid, change);
        if (change.to() == AgentState.LOGGED_OUT) {
            agentsNow.remove(change.agentId());
            return;
        }
        Long callId = change.to() == AgentState.CALL || change.to() == AgentState.WRAP
                ? change.callId() : null;
        Live<CallNow> call = callId == null ? null : callsNow.get(callId);
        agentsNow.put(change.agentId(), new Live<>(ccid, new AgentNow(change.agentId(),
                agentName(change.agentId()), 0, change.to().wireName(), change.at(),
                change.qid(), callId, call == null ? null : call.value().ddi(),
                callId == null ? null : urnOfCall.get(callId))));
        if (change.to() == AgentState.WAIT && change.callId() != null) {
            urnOfCall.remove(change.callId());
        }
    }

    private final Map<Long, String> agentNames = new ConcurrentHashMap<>();

    private String agentName(long agentId) {
        return agentNames.computeIfAbsent(agentId, id -> {
            Record a = db.dsl().select(A_FIRST, A_LAST, A_LOGIN).from(AGENTS)
                    .where(A_ID.eq(id)).fetchOne();
            return a == null ? "" : AgentNames.of(a.get(A_FIRST), a.get(A_LAST), a.get(A_LOGIN));
        });
    }

    private void snapshot() {
        boolean any = false;
        Set<Long> seen = new HashSet<>();
        for (Map.Entry<Long, RunningQueue> e : running.entrySet()) {
            RunningQueue q = e.getValue();
            any |= q.dialler().callsInProgress() > 0 || !q.dialler().agentsLoggedIn().isEmpty();
            AbandonMeter.Reading r = q.dialler().abandonRate(e.getKey());
            metersNow.put(e.getKey(), new Live<>(q.ccid(), new Meters(e.getKey(),
                    r.day().percent(), r.month().percent(), q.settings().abandonTarget())));
            seen.add(e.getKey());
        }
        metersNow.keySet().retainAll(seen);
        busy = any;
        scheduler.after(SNAPSHOT_EVERY, this::snapshot);
    }

    // ---- agents driven by the API ----

    /** What agent.php and click2dial.php may do with this engine for centre {@code ccid}. */
    public AgentDesk desk(long ccid) {
        return new AgentDesk(this, ccid, callbacks);
    }

    /**
     * Calls {@code listener} for every state change of the centre's agents (of one agent when
     * {@code agentId} is not null), on the scheduler's thread; call it on that thread too, so
     * that what the caller reads there comes before the first change. Answers what removes it,
     * which any thread may run.
     */
    Runnable watch(long ccid, Long agentId, Consumer<AgentDesk.StateEvent> listener) {
        Watcher watcher = new Watcher(ccid, agentId, listener);
        watchers.add(watcher);
        return () -> watchers.remove(watcher);
    }

    private void tellWatchers(long ccid, long qid, AgentStateChange change) {
        AgentDesk.StateEvent event = null;
        for (Watcher w : watchers) {
            if (w.ccid() != ccid || (w.agentId() != null && w.agentId() != change.agentId())) {
                continue;
            }
            if (event == null) {
                event = new AgentDesk.StateEvent(change.agentId(), change.to(), change.from(),
                        qid, change.callId(), change.reason(), change.at(), change.line());
            }
            try {
                w.listener().accept(event);
            } catch (RuntimeException e) {
                // A listener's failure is its own; the dialler goes on.
                LOG.warn("An agent state listener failed", e);
            }
        }
    }

    /** The centre's agents logged in now, by id; on the scheduler's thread. */
    List<Long> loggedIn(long ccid) {
        Set<Long> ids = new java.util.TreeSet<>();
        for (RunningQueue q : running.values()) {
            if (q.ccid() == ccid) {
                ids.addAll(q.dialler().agentsLoggedIn());
            }
        }
        return List.copyOf(ids);
    }

    /** Steps a test engine (no real-time driver) safely against agent.php's work. */
    public void advance(Duration by) {
        synchronized (stepLock) {
            scheduler.advance(by);
        }
    }

    /**
     * Runs {@code steps} one after another on the scheduler's thread (each one scheduled when
     * the one before has run, so what a step set off at that instant happens before the next),
     * and answers the last one's value. Without a real-time driver the caller runs them.
     */
    @SafeVarargs
    final <T> T onScheduler(Supplier<T>... steps) {
        CompletableFuture<T> done = new CompletableFuture<>();
        scheduler.execute(() -> runStep(steps, 0, done));
        if (driver == null) {
            synchronized (stepLock) {
                scheduler.runUntil(now());
            }
        }
        try {
            return done.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for the dialler", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("the dialler did not answer in time", e);
        }
    }

    private <T> void runStep(Supplier<T>[] steps, int i, CompletableFuture<T> done) {
        try {
            T value = steps[i].get();
            if (i == steps.length - 1) {
                done.complete(value);
            } else {
                scheduler.execute(() -> runStep(steps, i + 1, done));
            }
        } catch (RuntimeException e) {
            done.completeExceptionally(e);
        }
    }

    /** The queue's dialler an agent of the centre is logged in on, or null. */
    Seated seated(long ccid, long agentId) {
        for (Map.Entry<Long, RunningQueue> e : running.entrySet()) {
            RunningQueue q = e.getValue();
            if (q.ccid() == ccid
                    && q.dialler().agentState(agentId) != AgentState.LOGGED_OUT) {
                return new Seated(q.dialler(), e.getKey());
            }
        }
        return null;
    }

    long loginByApi(long ccid, long agentId, List<Long> qids) {
        Seated now = seated(ccid, agentId);
        if (now != null) {
            SimulatedAgents sim = running.get(now.qid()).simulated()[0];
            AgentState state = now.dialler().agentState(agentId);
            boolean idle = state == AgentState.WAIT || state == AgentState.PAUSE;
            if (sim == null || !sim.drives(agentId) || !idle) {
                throw new IllegalStateException("Agent is already logged in");
            }
            sim.release(agentId);
            now.dialler().logout(agentId);
        }
        for (long qid : qids) {
            RunningQueue q = running.get(qid);
            if (q != null && q.ccid() == ccid) {
                SimulatedAgents sim = q.simulated()[0];
                if (sim != null) {
                    sim.release(agentId);
                }
                agentsInUse.add(agentId);
                q.dialler().login(agentId, java.util.Set.of(qid));
                LOG.info("Agent {} logged in by the API on queue {}", agentId, qid);
                return qid;
            }
        }
        throw new IllegalArgumentException("None of the agent's queues is dialling");
    }

    /** Whether queue {@code qid} of the centre is being dialled here, so it can take calls. */
    boolean takesCalls(long ccid, long qid) {
        RunningQueue q = running.get(qid);
        return q != null && q.ccid() == ccid && q.dialler().dials(qid);
    }

    /** Why a third party may not be called for queue {@code qid}, or empty. */
    java.util.Optional<org.opendialler.compliance.Reason> refuseThirdParty(long ccid, long qid,
            String number) {
        return guard.refuseThirdParty(ccid, qid, number, now());
    }

    /**
     * The second step of a transfer to a queue: {@code from}'s dialler lets the customer's leg
     * go and queue {@code qid} takes it. Answers the new call's id, or null when the customer
     * hung up meanwhile.
     */
    Long takeOver(long ccid, Dialler source, ActiveCall from, long qid) {
        if (!takesCalls(ccid, qid)) {
            // The queue stopped between the two steps: the customer must not wait on hold.
            LOG.warn("Queue {} stopped before it could take call {}; the call ends", qid,
                    from.callId);
            from.port.hangUp(from.legId);
            return null;
        }
        if (!source.detach(from)) {
            return null;
        }
        long callId = running.get(qid).dialler().takeOver(from, qid, maxWait(ccid, qid));
        from.share.drop();
        urnOfCall.put(callId, from.record.recordId());
        callsNow.computeIfPresent(from.legId, (leg, live) -> {
            LiveBoard.CallNow c = live.value();
            return new Live<>(live.ccid(), new LiveBoard.CallNow(callId, qid, c.ctype(),
                    Cdr.DTYPE_TPT, c.ddi(), c.cli(), null, "queued", now()));
        });
        LOG.info("Call {} of centre {} transferred to queue {} as call {}", from.callId, ccid,
                qid, callId);
        return callId;
    }

    /** How long a transferred customer waits in a queue for an agent: its {@code max_wait}. */
    private Duration maxWait(long ccid, long qid) {
        Integer seconds = db.dsl().select(Q_MAX_WAIT).from(QUEUES)
                .where(Q_ID.eq(qid), Q_CCID.eq(ccid)).fetchOne(Q_MAX_WAIT);
        return seconds == null || seconds <= 0 ? DEFAULT_MAX_WAIT
                : Duration.ofSeconds(seconds);
    }

    AgentDesk.Click click2dial(long ccid, long qid, long recordId) {
        RunningQueue q = running.get(qid);
        if (q == null || q.ccid() != ccid) {
            return new AgentDesk.Click(null, null, "Queue is not dialling");
        }
        Long agent = null;
        Instant longest = null;
        for (long aid : q.dialler().agentsLoggedIn()) {
            Instant since = q.dialler().agentSince(aid).orElse(now());
            if (q.dialler().agentState(aid) == AgentState.WAIT
                    && (longest == null || since.isBefore(longest))) {
                agent = aid;
                longest = since;
            }
        }
        if (agent == null) {
            return new AgentDesk.Click(null, null, "No agent available");
        }
        // A record waiting in the queue's batch is ours already: it is given back to be
        // claimed by its id like any other.
        q.batch().giveBack(recordId);
        SqlRecordClaims.OneClaim claim = q.claims().claimOne(recordId);
        if (claim.record() == null) {
            return new AgentDesk.Click(null, agent, claim.refusal());
        }
        long callId = q.dialler().dialFor(agent, qid, claim.record());
        return new AgentDesk.Click(callId, agent, null);
    }

    // ---- LiveBoard ----

    @Override
    public List<AgentNow> agents(long ccid) {
        return of(agentsNow, ccid);
    }

    @Override
    public List<CallNow> calls(long ccid) {
        return of(callsNow, ccid);
    }

    @Override
    public List<Meters> meters(long ccid) {
        return of(metersNow, ccid);
    }

    private static <T> List<T> of(Map<Long, Live<T>> map, long ccid) {
        List<T> list = new ArrayList<>();
        new java.util.TreeMap<>(map).values().stream().filter(l -> l.ccid() == ccid)
                .forEach(l -> list.add(l.value()));
        return list;
    }

    /** Stops the driver; calls in progress are closed by the next start (outcome 108). */
    @Override
    public void close() {
        if (driver != null) {
            driver.close();
        }
        // Records waiting in claim batches go back now rather than when their leases run out.
        for (RunningQueue q : running.values()) {
            try {
                q.batch().giveBackAll();
            } catch (RuntimeException e) {
                LOG.warn("Queue {}: waiting records not given back; their leases will run out",
                        q.settings().qid(), e);
            }
        }
        LOG.info("Dialler engine stopped; {} calls placed", stats.placed());
    }
}
