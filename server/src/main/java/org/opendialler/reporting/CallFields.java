package org.opendialler.reporting;

import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.when;
import static org.opendialler.reporting.CdrTable.*;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.LongFunction;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.impl.DSL;

/**
 * The fields of {@code reporting.php?method=calls}: groupable fields, each a SQL expression over
 * one CDR and how its value is written, and metrics, each an aggregate over a group. The
 * definitions are documented in docs/reporting.md; keep the two in step.
 */
final class CallFields {

    /** A groupable field: its SQL expression (constants inlined) and its rendering. */
    record Groupable(String field, String name, Field<?> expr, Function<Object, String> render,
            String description) {
    }

    /** A metric: an aggregate given the cutoff in milliseconds, and its rendering. */
    record Metric(String field, String name, LongFunction<Field<?>> aggregate,
            Function<Object, Object> render, String description) {
    }

    static final String[] DAYS = {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday",
        "Friday", "Saturday"};
    private static final DateTimeFormatter SLOT = DateTimeFormatter.ofPattern(
            "yyyy-MM-dd_HH-mm-ss");

    static final Map<String, Groupable> GROUPABLE = new LinkedHashMap<>();
    static final Map<String, Metric> METRICS = new LinkedHashMap<>();

    static final Condition IN = DTYPE.eq(inline("in"));
    static final Condition ANSWERED = T_ANSW_MS.isNotNull();
    static final Condition AGENT_ANSWERED = ANSWERED.and(AID.ne(inline(0L)));
    static final Condition HAS_OUTCOME = OCID.ne(inline(0L));
    static final Condition COMPLETE = HAS_OUTCOME.and(DSL.condition(OC_COMPLETE));
    static final Condition SALE = HAS_OUTCOME.and(DSL.condition(OC_SALE));
    static final Condition DMC = HAS_OUTCOME.and(DSL.condition(OC_DMC));
    static final Condition AM_BY_AGENT = DSL.condition(OC_ANSWERPHONE).and(OCID.ne(inline(102L)));
    static final Condition QUEUED_UNANSWERED = MS_QUE.gt(inline(0L)).andNot(AGENT_ANSWERED);

    static {
        groupables();
        timeBuckets();
        flags();
        metrics();
    }

    private CallFields() {
    }

    private static void groupables() {
        text("ccid", "Call Centre ID", CCID, "the contact centre id");
        text("ccnm", "Call Centre", CCID, "the contact centre name");
        text("cid", "Campaign ID", CID, "the campaign id (0 when none)");
        text("cnm", "Campaign", CNM, "the campaign name");
        text("qtable", "Campaign Table", QTABLE, "the queue's campaign table");
        text("qtype", "Queue Type", QTYPE, "the queue's type");
        text("qid", "Queue ID", QID, "the queue id");
        text("qnm", "Queue", QNM, "the queue's description");
        text("aid", "Agent ID", AID, "the agent id (0 when no agent)");
        text("anm", "Agent", ANM, "the agent's name");
        add("has_aid", "Has Agent", oneZero(AID.ne(inline(0L))), "1 when an agent took part");
        text("tid", "Team ID", TID, "the agent's team id (0 when none)");
        text("tnm", "Team", TNM, "the team's name");
        text("dsid", "Dataset ID", DSID, "the dataset id (0 when none)");
        text("dsnm", "Dataset", DSNM, "the dataset's description");
        text("urn", "URN", URN, "the record id");
        text("ddi", "DDI", DDI, "the number called or calling");
        text("cli", "CLI", CLI, "the number presented");
        text("dest", "Destination", DEST, "the destination name");
        text("dcode", "Destination Code", DCODE, "the dialled prefix that chose the destination");
        text("ctype", "Call Type", CTYPE, "in or out");
        text("dtype", "Dial Type", DTYPE, "in, out (dialler), man, tpt or sms_out");
        text("cres", "Call Result", CRES, "Answered, No Answer, Busy, ...");
        add("is_mob", "Mobile", oneZero(DSL.condition(IS_MOB)), "1 when the number is a mobile");
        text("ocid", "Outcome ID", OCID, "the outcome id (0 when none)");
        text("ocnm", "Outcome", OCNM, "the outcome's description");
    }

    private static void timeBuckets() {
        slot("PT10M", 10);
        slot("PT15M", 15);
        slot("PT30M", 30);
        slot("PT1H", 60);
        Field<Long> day = LOC_MINUTE.div(inline(1440L));
        add("P1D", "Day", day, v -> LocalDate.ofEpochDay(num(v)).toString(),
                "the local day, 2017-08-21");
        add("P1W", "Week", LOC_MINUTE.plus(inline(5760L)).div(inline(10080L)),
                v -> LocalDate.ofEpochDay(num(v) * 7 - 4).toString(),
                "the local week by its Sunday, 2017-08-20");
        add("P1M", "Month", LOC_MONTH, v -> String.format("%04d-%02d", num(v) / 100, num(v) % 100),
                "the local month, 2017-08");
        add("date", "Date", day, v -> LocalDate.ofEpochDay(num(v)).toString(),
                "the local date, 2017-08-21");
        add("day", "Day of Week", day.plus(inline(4L)).mod(inline(7L)), v -> DAYS[(int) num(v)],
                "the local day of the week, Monday");
        add("hour", "Hour", LOC_MINUTE.div(inline(60L)).mod(inline(24L)), CallFields::twoDigits,
                "the local hour, 00 to 23");
        add("min_10", "Ten Minutes", LOC_MINUTE.mod(inline(60L)).div(inline(10L)).mul(inline(10L)),
                CallFields::twoDigits, "the ten-minute slot of the hour, 00 to 50");
    }

    private static void flags() {
        add("ocis_cmpl", "Outcome Complete, Not Sale", oneZero(COMPLETE.andNot(SALE)),
                "1 when the outcome is complete and not a sale");
        add("ocis_cmpli", "Outcome Complete", oneZero(COMPLETE),
                "1 when the outcome is complete");
        add("ocis_sale", "Outcome Sale", oneZero(SALE), "1 when the outcome is a sale");
        add("ocis_dmc", "Outcome DMC", oneZero(DMC), "1 when the outcome is a DMC");
    }

    private static void metrics() {
        count("nc_all", "Calls", DSL.trueCondition(), "calls");
        count("nc_in", "Inbound", IN, "inbound calls");
        count("nc_out", "Dialler", DTYPE.eq(inline("out")), "dialler calls");
        count("nc_out_all", "Outbound", DTYPE.in(inline("out"), inline("man"), inline("tpt")),
                "all outbound calls: dialler, manual, third party");
        count("nc_sms_out", "SMS", DTYPE.eq(inline("sms_out")), "outbound SMS");
        count("nc_man", "Manual", DTYPE.eq(inline("man")), "manual calls");
        count("nc_tpt", "Third Party", DTYPE.eq(inline("tpt")), "third-party calls");
        count("nc_dtpt", "Direct Transfers", DTYPE.eq(inline("tpt")).and(AID.eq(inline(0L))),
                "transfers that did not go to an agent");
        count("nc_wait", "Calls With Wait", MS_WAIT.gt(inline(0L)), "calls with some wait time");
        count("nc_wrap", "Calls With Wrap", MS_WRAP.gt(inline(0L)), "calls with some wrap time");
        count("nc_con", "Connected", ANSWERED.andNot(AM_BY_AGENT),
                "connected calls, less those set to answer machine by an agent");
        count("nc_ans", "Answered", AGENT_ANSWERED, "calls answered by an agent");
        count("nc_ans_in", "Answered Inbound", AGENT_ANSWERED.and(IN), "answered inbound calls");
        count("nc_ans_man", "Answered Manual", AGENT_ANSWERED.and(DTYPE.eq(inline("man"))),
                "answered manual calls");
        count("nc_que", "Queued Unanswered", QUEUED_UNANSWERED,
                "calls that queued and no agent answered");
        cutoff("nc_ans_le", "Answered Within Cutoff", AGENT_ANSWERED.and(IN), true,
                "inbound calls answered within cutoff seconds of queueing");
        cutoff("nc_ans_gt", "Answered After Cutoff", AGENT_ANSWERED.and(IN), false,
                "inbound calls answered after cutoff seconds of queueing");
        cutoff("nc_que_le", "Lost Within Cutoff", QUEUED_UNANSWERED.and(IN), true,
                "inbound calls given up within cutoff seconds");
        cutoff("nc_que_gt", "Lost After Cutoff", QUEUED_UNANSWERED.and(IN), false,
                "inbound calls given up after cutoff seconds");
        seconds("sec_dur", "Duration", MS_DUR, "total duration");
        seconds("sec_talk_all", "Talk Time, All", MS_TALK.plus(MS_TPT), "talk time, all");
        seconds("sec_talk", "Talk Time", MS_TALK, "agent talk time");
        seconds("sec_tpt", "Third-Party Talk", MS_TPT, "third-party talk time");
        seconds("sec_call", "Agent Call Time",
                when(AID.ne(inline(0L)), MS_TALK.plus(MS_WRAP)).else_(inline(0L)),
                "agent time on calls, talk and wrap");
        seconds("sec_ans", "Time To Answer",
                when(AGENT_ANSWERED, T_ANSW_MS.minus(T_INIT_MS)).else_(inline(0L)),
                "time from start to answer, over answered calls");
        outcomes();
        money();
    }

    private static void outcomes() {
        count("oc_abdn", "Abandoned", OCID.eq(inline(106L)), "calls abandoned (outcome 106)");
        count("oc_cbck", "Callbacks", OCID.eq(inline(109L)), "calls set to callback (109)");
        count("oc_ama", "Answer Machine (Agent)", AM_BY_AGENT,
                "calls set to an answer-machine outcome by an agent");
        count("oc_amd", "Answer Machine (Dialler)", OCID.eq(inline(102L)),
                "calls the dialler found to be an answer machine (102)");
        count("oc_dead", "Dead Line", OCID.eq(inline(105L)), "dead lines (105)");
        count("oc_noansw", "No Answer", OCID.eq(inline(103L)), "no answer (103)");
        count("oc_sale", "Sales", SALE, "calls with a sale outcome");
        count("oc_cmpl", "Complete, Not Sale", COMPLETE.andNot(SALE),
                "calls with a complete outcome that is not a sale");
        count("oc_cmpli", "Complete", COMPLETE, "calls with a complete outcome");
        count("oc_ncmpl", "Not Complete", HAS_OUTCOME.andNot(DSL.condition(OC_COMPLETE)),
                "calls with an outcome that is not complete");
        count("oc_dmc", "DMC", DMC, "calls with a DMC outcome");
    }

    private static void money() {
        METRICS.put("cost_cust", new Metric("cost_cust", "Cost", c -> DSL.sum(COST_CUST),
                CallFields::decimal, "cost"));
        METRICS.put("bill_cust", new Metric("bill_cust", "Billed", c -> DSL.sum(BILL_CUST),
                CallFields::decimal, "billed amount"));
        METRICS.put("bill_dur", new Metric("bill_dur", "Billed Seconds",
                c -> DSL.sum(BILL_DUR), CallFields::whole, "billed seconds"));
        METRICS.put("callid_max", new Metric("callid_max", "Last Call ID",
                c -> DSL.max(CALLID), CallFields::whole, "the highest call id"));
    }

    private static void text(String field, String name, Field<?> column, String description) {
        add(field, name, column, v -> v == null ? null : String.valueOf(v), description);
    }

    private static void add(String field, String name, Field<?> expr, String description) {
        text(field, name, expr, description);
    }

    private static void add(String field, String name, Field<?> expr,
            Function<Object, String> render, String description) {
        GROUPABLE.put(field, new Groupable(field, name, expr, render, description));
    }

    private static void slot(String field, long minutes) {
        add(field, "Slot of " + minutes + " Minutes", LOC_MINUTE.div(inline(minutes)),
                v -> LocalDateTime.ofEpochSecond(num(v) * minutes * 60, 0, ZoneOffset.UTC)
                        .format(SLOT), "the local slot's start, 2017-08-21_10-30-00");
    }

    private static Field<Long> oneZero(Condition condition) {
        return when(condition, inline(1L)).else_(inline(0L));
    }

    private static void count(String field, String name, Condition condition,
            String description) {
        METRICS.put(field, new Metric(field, name, c -> DSL.sum(oneZero(condition)),
                CallFields::whole, description));
    }

    private static void cutoff(String field, String name, Condition condition, boolean within,
            String description) {
        METRICS.put(field, new Metric(field, name, cutoffMs -> {
            Condition side = within ? MS_QUE.le(inline(cutoffMs)) : MS_QUE.gt(inline(cutoffMs));
            return DSL.sum(oneZero(condition.and(side)));
        }, CallFields::whole, description));
    }

    private static void seconds(String field, String name, Field<Long> millis,
            String description) {
        METRICS.put(field, new Metric(field, name, c -> DSL.sum(millis),
                v -> BigDecimal.valueOf(num(v), 3), description + ", seconds to the millisecond"));
    }

    static long num(Object v) {
        return v == null ? 0 : ((Number) v).longValue();
    }

    private static Object whole(Object v) {
        return num(v);
    }

    private static Object decimal(Object v) {
        return v == null ? BigDecimal.ZERO.setScale(4) : new BigDecimal(v.toString()).setScale(4,
                java.math.RoundingMode.HALF_UP);
    }

    private static String twoDigits(Object v) {
        return String.format("%02d", num(v));
    }

    /** The groupable fields that are not written from the group's SQL value. */
    static final List<String> CENTRE = List.of("ccid", "ccnm");
}
