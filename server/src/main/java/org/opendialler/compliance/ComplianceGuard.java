package org.opendialler.compliance;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jooq.Field;
import org.opendialler.database.Queues;
import org.opendialler.phone.PhoneNumbers;
import org.opendialler.store.Database;
import org.opendialler.tenancy.Centre;
import org.opendialler.tenancy.Tenancy;

/**
 * The guard the dialler asks before it claims or dials a record: ProcessType, the queue's caller
 * id, attempts and retry gaps, callbacks (a {@code Call_Back_Sametime} one that the window
 * refuses moves to the same time on a later day), the DNC list, the repeat rules after abandons
 * and machines, the calling window in the number's own time zone, and the abandon cap. Country
 * rules are rows of {@code country_rules}. Time is the {@code now} argument. Thread-safe.
 */
public final class ComplianceGuard implements DialGuard {

    private static final Field<Long> DNC_CCID = field(name("dnc", "ccid"), Long.class);
    private static final Field<Long> DNC_QID = field(name("dnc", "qid"), Long.class);
    private static final Field<String> DNC_DDI = field(name("dnc", "ddi"), String.class);
    private static final int DAYS_AHEAD = 8;

    private final Database db;
    private final Tenancy tenancy;
    private final Queues queues;
    private final CountryRules countries;
    private final QueueWindow queueWindows;
    private final CdrHistory history;
    private final AbandonRates rates;

    /** A guard that reads the queue's abandon rate from the {@code cdr} table. */
    public ComplianceGuard(Database db, Tenancy tenancy) {
        this(db, tenancy, null);
    }

    /**
     * @param rates the running abandon rates (a dialler's own meters), or null to read them from
     *     the {@code cdr} table
     */
    public ComplianceGuard(Database db, Tenancy tenancy, AbandonRates rates) {
        this.db = db;
        this.tenancy = tenancy;
        this.queues = new Queues(db);
        this.countries = new CountryRules(db);
        this.queueWindows = new QueueWindow(db);
        this.history = new CdrHistory(db);
        this.rates = rates == null ? history : rates;
    }

    @Override
    public Verdict judge(Candidate candidate, long qid, boolean agentGuaranteed, Instant now) {
        Optional<Verdict> closed = byStatus(candidate.processType());
        if (closed.isPresent()) {
            return closed.get();
        }

        Optional<Queues.Queue> queue = queues.find(candidate.ccid(), qid)
                .filter(q -> "outbound".equals(q.type()) && q.live());
        if (queue.isEmpty()) {
            return Verdict.refuse(Reason.HOLD, null);
        }
        Centre centre = tenancy.centre(candidate.ccid()).orElseThrow(() ->
                new IllegalArgumentException("no centre " + candidate.ccid()));
        if (PhoneNumbers.e164(queue.get().callerId(), centre.country()).isEmpty()) {
            return Verdict.refuse(Reason.CALLER_ID, null);
        }

        Optional<Verdict> record = byAttempts(candidate, queue.get(), now);
        if (record.isPresent()) {
            return record.get();
        }

        List<Line> lines = lines(candidate, queue.get(), centre, now);
        Verdict byNumber = pickNumber(lines, now);
        Optional<Verdict> moved = sameTimeLater(candidate, lines, byNumber, now);
        if (moved.isPresent()) {
            return moved.get();
        }
        if (!byNumber.dialable()) {
            return byNumber;
        }
        return overCap(candidate.ccid(), queue.get(), centre, agentGuaranteed, now)
                ? Verdict.refuse(Reason.ABANDON_CAP, null) : byNumber;
    }

    /**
     * A third party is checked against the DNC list, the centre's and the queue's. Its hours are
     * not: the customer is on the line already, and the third party is often a business.
     */
    @Override
    public Optional<Reason> refuseThirdParty(long ccid, long qid, String number, Instant now) {
        return listed(ccid, qid, Set.of(number)).isEmpty() ? Optional.empty()
                : Optional.of(Reason.DNC);
    }

    /**
     * The verdict as the queue dials today: preview and progressive guarantee an agent,
     * predictive does not. This is what {@code ecnow_records} with {@code explain=1} shows.
     */
    public Verdict explain(Candidate candidate, long qid, Instant now) {
        boolean predictive = queues.find(candidate.ccid(), qid)
                .map(q -> "predictive".equalsIgnoreCase(q.dialMode())).orElse(false);
        return judge(candidate, qid, !predictive, now);
    }

    private static Optional<Verdict> byStatus(String processType) {
        String type = processType == null ? "" : processType;
        if (type.equals("COMPLETE")) {
            return Optional.of(Verdict.refuse(Reason.COMPLETE, null));
        }
        if (type.equals("EXPIRED")) {
            return Optional.of(Verdict.refuse(Reason.EXPIRED, null));
        }
        if (type.startsWith("HOLD: ")) {
            return Optional.of(Verdict.refuse(Reason.HOLD, null));
        }
        return Optional.empty();
    }

    private static Optional<Verdict> byAttempts(Candidate c, Queues.Queue queue, Instant now) {
        if (c.attempts() >= queue.maxAttempts()) {
            return Optional.of(Verdict.refuse(Reason.MAX_ATTEMPTS, null));
        }
        if (c.callback() != null && c.callback().isAfter(now)) {
            return Optional.of(Verdict.refuse(Reason.CALLBACK_NOT_DUE, c.callback()));
        }

        // A due callback was asked for by a person: it overrides the automatic retry gap, but
        // only until it has been attempted, or an unanswered callback would ring on and on.
        boolean callbackUntried = c.callback() != null
                && (c.lastAttempt() == null || c.lastAttempt().isBefore(c.callback()));
        if (!callbackUntried && c.lastAttempt() != null) {
            Instant gapEnds = c.lastAttempt().plus(Duration.ofMinutes(queue.retryMinutes()));
            if (gapEnds.isAfter(now)) {
                return Optional.of(Verdict.refuse(Reason.RETRY_INTERVAL, gapEnds));
            }
        }
        return Optional.empty();
    }

    /** One number of a record as the guard weighs it: its window, its zones, any block. */
    private record Line(String phone, WeekWindow window, List<ZoneId> zones,
            CdrHistory.Block block) {
    }

    /** The record's numbers that are not on the DNC list, in the order home, work, mobile. */
    private List<Line> lines(Candidate c, Queues.Queue queue, Centre centre, Instant now) {
        Set<String> phones = new LinkedHashSet<>(c.phones());
        Set<String> listed = listed(c.ccid(), queue.qid(), phones);
        // Only an agent who looks at the record first may re-dial after an abandon or a
        // machine: a progressive call is still placed by the dialler, agent or not.
        Map<String, CdrHistory.Block> blocks = previews(queue) || phones.isEmpty()
                ? Map.of() : latestBlocks(history.blocks(c.ccid(), phones, now));
        WeekWindow ofQueue = queueWindows.of(c.ccid(), queue);
        Map<String, CountryRules.Rule> rules = new HashMap<>();
        List<Line> lines = new ArrayList<>();
        for (String phone : phones) {
            if (listed.contains(phone)) {
                continue;
            }
            NumberZones.Placement at = NumberZones.place(phone, c.postcode(), c.zone(),
                    centre.zone());
            WeekWindow window = rules.computeIfAbsent(at.country(), countries::of).window()
                    .and(ofQueue);
            lines.add(new Line(phone, window, at.zones(), blocks.get(phone)));
        }
        return lines;
    }

    private static Verdict pickNumber(List<Line> lines, Instant now) {
        List<Verdict> refusals = new ArrayList<>();
        for (Line line : lines) {
            if (line.block() != null) {
                refusals.add(Verdict.refuse(line.block().reason(),
                        nextOpen(line.window(), line.zones(), line.block().until())));
            } else if (!isOpen(line.window(), line.zones(), now)) {
                refusals.add(Verdict.refuse(Reason.HOURS,
                        nextOpen(line.window(), line.zones(), now)));
            } else {
                return Verdict.dial(line.phone());
            }
        }
        return refusals.stream().min(Comparator.comparing(Verdict::notBefore,
                Comparator.nullsLast(Comparator.naturalOrder())))
                .orElse(Verdict.refuse(Reason.DNC, null));
    }

    /**
     * A callback with {@code Call_Back_Sametime} that the calling window did not allow at its
     * time, nor at that time on any day since, is due at that time on the next day that allows
     * it; so is one that was due but that the window refuses now. That is on whichever number
     * allows it first. When no day within {@link SameTime#HORIZON} does, nothing moves: the
     * callback is due at its time, like any other.
     */
    private static Optional<Verdict> sameTimeLater(Candidate c, List<Line> lines,
            Verdict byNumber, Instant now) {
        if (!c.sametime() || c.callback() == null) {
            return Optional.empty();
        }
        boolean due = lines.stream()
                .anyMatch(l -> SameTime.allowedSince(l.window(), l.zones(), c.callback(), now));
        if (due && (byNumber.dialable() || byNumber.reason() != Reason.HOURS)) {
            return Optional.empty();
        }
        return lines.stream()
                .map(l -> SameTime.next(l.window(), l.zones(), c.callback(), now,
                        l.block() == null ? now : l.block().until()))
                .filter(Objects::nonNull).min(Instant::compareTo).map(Verdict::callbackMoved);
    }

    private static boolean previews(Queues.Queue queue) {
        return "preview".equalsIgnoreCase(queue.dialMode());
    }

    private Set<String> listed(long ccid, long qid, Set<String> phones) {
        if (phones.isEmpty()) {
            return Set.of();
        }
        return Set.copyOf(db.dsl().select(DNC_DDI).from(table(name("dnc")))
                .where(DNC_CCID.eq(ccid)).and(DNC_QID.in(0L, qid)).and(DNC_DDI.in(phones))
                .fetch(DNC_DDI));
    }

    private static Map<String, CdrHistory.Block> latestBlocks(List<CdrHistory.Block> blocks) {
        Map<String, CdrHistory.Block> latest = new HashMap<>();
        for (CdrHistory.Block b : blocks) {
            latest.merge(b.number(), b, (x, y) -> x.until().isAfter(y.until()) ? x : y);
        }
        return latest;
    }

    private boolean overCap(long ccid, Queues.Queue queue, Centre centre,
            boolean agentGuaranteed, Instant now) {
        if (agentGuaranteed || !"predictive".equalsIgnoreCase(queue.dialMode())) {
            return false;
        }
        double target = Math.min(queue.abandonTarget().doubleValue(),
                countries.of(centre.country()).abandonCapPercent());
        return rates.worstPercent(ccid, queue.qid(), now) >= target;
    }

    /** Whether it is inside the window at {@code at} in every one of the zones. */
    static boolean isOpen(WeekWindow window, List<ZoneId> zones, Instant at) {
        for (ZoneId zone : zones) {
            ZonedDateTime local = at.atZone(zone);
            int minute = local.getHour() * 60 + local.getMinute();
            if (!window.on(local.getDayOfWeek()).isOpen(minute)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The first instant from {@code from} that is inside the window in every zone, or null when
     * there is none within a week. Such an instant is {@code from} or a window start in a zone.
     */
    static Instant nextOpen(WeekWindow window, List<ZoneId> zones, Instant from) {
        List<Instant> candidates = new ArrayList<>();
        candidates.add(from);
        for (ZoneId zone : zones) {
            LocalDate first = from.atZone(zone).toLocalDate();
            for (int k = 0; k <= DAYS_AHEAD; k++) {
                LocalDate day = first.plusDays(k);
                window.on(day.getDayOfWeek()).starts().forEach(m -> candidates.add(
                        ZonedDateTime.of(day, LocalTime.ofSecondOfDay(m * 60L), zone)
                                .toInstant()));
            }
        }
        return candidates.stream().filter(t -> !t.isBefore(from)).sorted()
                .filter(t -> isOpen(window, zones, t)).findFirst().orElse(null);
    }
}
