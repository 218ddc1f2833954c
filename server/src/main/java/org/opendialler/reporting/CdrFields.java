package org.opendialler.reporting;

import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.when;
import static org.opendialler.reporting.CdrTable.*;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.opendialler.protocol.ApiRequest;

/**
 * The fields of {@code reporting.php?method=cdr}: each a column (or a flag computed from
 * columns), how its value is written as a string, and what {@code isset} means for it.
 */
final class CdrFields {

    /** One field: SQL expression, rendering to a string or null, and its isset condition. */
    record CdrField(String field, String name, Field<?> expr, Function<Object, String> render,
            boolean numeric, Condition isSet, String description) {
    }

    static final Map<String, CdrField> FIELDS = new LinkedHashMap<>();

    static {
        id("callid", "Call ID", CALLID, "the call id, unique across the service");
        id("ccid", "Call Centre ID", CCID, "the contact centre id");
        text("qtable", "Campaign Table", QTABLE, "the queue's campaign table");
        text("qtype", "Queue Type", QTYPE, "the queue's type");
        id("qid", "Queue ID", QID, "the queue id");
        text("qnm", "Queue", QNM, "the queue's description");
        text("orig_qnm", "First Queue", ORIG_QNM, "the first queue of a transferred call");
        id("cid", "Campaign ID", CID, "the campaign id");
        text("cnm", "Campaign", CNM, "the campaign name");
        id("aid", "Agent ID", AID, "the agent id (0 when no agent)");
        text("anm", "Agent", ANM, "the agent's name");
        id("tid", "Team ID", TID, "the agent's team id");
        text("tnm", "Team", TNM, "the team's name");
        id("dsid", "Dataset ID", DSID, "the dataset id");
        text("dsnm", "Dataset", DSNM, "the dataset's description");
        id("urn", "URN", URN, "the record id");
        text("ddi", "DDI", DDI, "the number called or calling");
        text("cli", "CLI", CLI, "the number presented");
        text("cres", "Call Result", CRES, "the call result");
        id("ocid", "Outcome ID", OCID, "the outcome id");
        text("ocnm", "Outcome", OCNM, "the outcome's description");
        text("flags", "Flags", FLAGS, "recorded, processed: a comma list");
        text("carrier", "Carrier", CARRIER, "the carrier that took the call");
        id("ctag", "Tag ID", CTAG, "the id of the tag an agent put on the call");
        text("tag", "Tag", TAG, "the name of that tag");
        text("dest", "Destination", DEST, "the destination name");
        text("dcode", "Destination Code", DCODE, "the dialled prefix that chose it");
        text("ctype", "Call Type", CTYPE, "in or out");
        text("dtype", "Dial Type", DTYPE, "in, out, man, tpt or sms_out");
        text("sms_msg", "SMS Message", SMS_MSG, "the text of an SMS");
        millis("sec_dur", "Duration", MS_DUR, "duration in seconds, 105.026");
        millis("sec_ring", "Ring Time", MS_RING, "ring time in seconds");
        millis("sec_que", "Queue Time", MS_QUE, "time queued in seconds");
        millis("sec_talk", "Talk Time", MS_TALK, "agent talk time in seconds");
        millis("sec_tpt", "Third-Party Talk", MS_TPT, "third-party talk time in seconds");
        millis("sec_wrap", "Wrap Time", MS_WRAP, "agent wrap time in seconds");
        millis("sec_wait", "Wait Time", MS_WAIT, "agent wait time before the call in seconds");
        time("tm_init", "Start", T_INIT_MS, "when the call started, Unix seconds");
        time("tm_answ", "Answered", T_ANSW_MS, "when it was answered, Unix seconds");
        time("tm_disc", "Disconnected", T_DISC_MS, "when it ended, Unix seconds");
        flag("oc_sale", "Sale", CallFields.SALE, "1 when the outcome is a sale");
        flag("oc_cmpl", "Complete, Not Sale", CallFields.COMPLETE.andNot(CallFields.SALE),
                "1 when the outcome is complete and not a sale");
        flag("oc_cmpli", "Complete", CallFields.COMPLETE, "1 when the outcome is complete");
        flag("oc_ncmpl", "Not Complete",
                CallFields.HAS_OUTCOME.andNot(DSL.condition(OC_COMPLETE)),
                "1 when there is an outcome and it is not complete");
        flag("oc_dmc", "DMC", CallFields.DMC, "1 when the outcome is a DMC");
        money("cost_cust", "Cost", COST_CUST, "the call's cost");
        money("bill_cust", "Billed", BILL_CUST, "the amount billed");
        id("bill_dur", "Billed Seconds", BILL_DUR, "the seconds billed");
        flag("is_mob", "Mobile", DSL.condition(IS_MOB), "1 when the number is a mobile");
        text("ivr_key", "IVR Key", IVR_KEY, "the last valid key pressed in an IVR");
        millis("sec_key", "Key Time", MS_KEY, "seconds from queueing to that key");
    }

    private CdrFields() {
    }

    /** The rows an {@code isset} list keeps: each named field set; an unknown name is refused. */
    static Condition isset(ApiRequest request) {
        Condition all = DSL.noCondition();
        for (String field : Params.optionalList(request, "isset")) {
            CdrField f = FIELDS.get(field);
            if (f == null) {
                throw Params.unknownField(field);
            }
            all = all.and(f.isSet());
        }
        return all;
    }

    private static void put(String field, String name, Field<?> expr,
            Function<Object, String> render, boolean numeric, Condition isSet,
            String description) {
        FIELDS.put(field, new CdrField(field, name, expr, render, numeric, isSet, description));
    }

    private static void id(String field, String name, Field<Long> column, String description) {
        put(field, name, column, v -> v == null ? null : String.valueOf(CallFields.num(v)), true,
                column.ne(inline(0L)), description);
    }

    private static void text(String field, String name, Field<String> column,
            String description) {
        put(field, name, column, v -> v == null ? null : v.toString(), false,
                column.ne(inline("")), description);
    }

    private static void millis(String field, String name, Field<Long> column,
            String description) {
        put(field, name, column, CdrFields::seconds, true, column.gt(inline(0L)), description);
    }

    private static void time(String field, String name, Field<Long> column,
            String description) {
        put(field, name, column,
                v -> v == null ? null : String.valueOf(Math.floorDiv(CallFields.num(v), 1000)),
                true, column.isNotNull(), description);
    }

    private static void flag(String field, String name, Condition condition,
            String description) {
        put(field, name, when(condition, inline(1L)).else_(inline(0L)),
                v -> String.valueOf(CallFields.num(v)), true, condition, description);
    }

    private static void money(String field, String name, Field<BigDecimal> column,
            String description) {
        put(field, name, column, CdrFields::amount, true, column.ne(inline(BigDecimal.ZERO)),
                description);
    }

    /** Milliseconds as seconds with three decimals, {@code "105.026"}. */
    static String seconds(Object millis) {
        return millis == null ? null : BigDecimal.valueOf(CallFields.num(millis), 3)
                .toPlainString();
    }

    static String amount(Object v) {
        if (v == null) {
            return null;
        }
        BigDecimal d = new BigDecimal(v.toString()).stripTrailingZeros();
        return d.signum() == 0 ? "0" : d.toPlainString();
    }
}
