package org.opendialler.reporting;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.TextStyle;
import java.time.temporal.TemporalAdjusters;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;

/**
 * The calls metrics and group values computed in plain Java from the test's own CDR objects,
 * following the definitions in docs/reporting.md, never through the code under test.
 */
final class Expected {

    private Expected() {
    }

    /** Every metric of {@code cdrs}, as a long count, or a BigDecimal for seconds and money. */
    static Map<String, Object> metrics(List<Cdr> cdrs, long cutoffSeconds) {
        long cutoff = cutoffSeconds * 1000;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("nc_all", (long) cdrs.size());
        m.put("nc_in", count(cdrs, c -> c.dtype().equals("in")));
        m.put("nc_out", count(cdrs, c -> c.dtype().equals("out")));
        m.put("nc_out_all", count(cdrs, c -> List.of("out", "man", "tpt").contains(c.dtype())));
        m.put("nc_sms_out", count(cdrs, c -> c.dtype().equals("sms_out")));
        m.put("nc_man", count(cdrs, c -> c.dtype().equals("man")));
        m.put("nc_tpt", count(cdrs, c -> c.dtype().equals("tpt")));
        m.put("nc_dtpt", count(cdrs, c -> c.dtype().equals("tpt") && c.aid() == 0));
        m.put("nc_wait", count(cdrs, c -> c.waitTime().toMillis() > 0));
        m.put("nc_wrap", count(cdrs, c -> c.wrap().toMillis() > 0));
        m.put("nc_con", count(cdrs, c -> c.tmAnsw() != null && !amByAgent(c)));
        m.put("nc_ans", count(cdrs, Expected::agentAnswered));
        m.put("nc_ans_in", count(cdrs, c -> agentAnswered(c) && c.dtype().equals("in")));
        m.put("nc_ans_man", count(cdrs, c -> agentAnswered(c) && c.dtype().equals("man")));
        m.put("nc_que", count(cdrs, Expected::lost));
        m.put("nc_ans_le", count(cdrs, c -> agentAnswered(c) && c.dtype().equals("in")
                && c.queue().toMillis() <= cutoff));
        m.put("nc_ans_gt", count(cdrs, c -> agentAnswered(c) && c.dtype().equals("in")
                && c.queue().toMillis() > cutoff));
        m.put("nc_que_le", count(cdrs, c -> lost(c) && c.dtype().equals("in")
                && c.queue().toMillis() <= cutoff));
        m.put("nc_que_gt", count(cdrs, c -> lost(c) && c.dtype().equals("in")
                && c.queue().toMillis() > cutoff));
        m.put("sec_dur", seconds(cdrs, c -> c.duration().toMillis()));
        m.put("sec_talk_all", seconds(cdrs, c -> c.talk().toMillis() + c.tpt().toMillis()));
        m.put("sec_talk", seconds(cdrs, c -> c.talk().toMillis()));
        m.put("sec_tpt", seconds(cdrs, c -> c.tpt().toMillis()));
        m.put("sec_call", seconds(cdrs, c -> c.aid() == 0 ? 0
                : c.talk().toMillis() + c.wrap().toMillis()));
        m.put("sec_ans", seconds(cdrs, c -> agentAnswered(c)
                ? c.tmAnsw().toEpochMilli() - c.tmInit().toEpochMilli() : 0));
        outcomes(m, cdrs);
        m.put("cost_cust", cdrs.stream().map(Cdr::costCust).reduce(BigDecimal.ZERO,
                BigDecimal::add));
        m.put("bill_cust", cdrs.stream().map(Cdr::billCust).reduce(BigDecimal.ZERO,
                BigDecimal::add));
        m.put("bill_dur", cdrs.stream().mapToLong(Cdr::billDur).sum());
        m.put("callid_max", cdrs.stream().mapToLong(Cdr::callid).max().orElse(0));
        return m;
    }

    private static void outcomes(Map<String, Object> m, List<Cdr> cdrs) {
        m.put("oc_abdn", count(cdrs, c -> c.ocid() == 106));
        m.put("oc_cbck", count(cdrs, c -> c.ocid() == 109));
        m.put("oc_ama", count(cdrs, Expected::amByAgent));
        m.put("oc_amd", count(cdrs, c -> c.ocid() == 102));
        m.put("oc_dead", count(cdrs, c -> c.ocid() == 105));
        m.put("oc_noansw", count(cdrs, c -> c.ocid() == 103));
        m.put("oc_sale", count(cdrs, c -> c.ocid() != 0 && c.ocSale()));
        m.put("oc_cmpl", count(cdrs, c -> c.ocid() != 0 && c.ocComplete() && !c.ocSale()));
        m.put("oc_cmpli", count(cdrs, c -> c.ocid() != 0 && c.ocComplete()));
        m.put("oc_ncmpl", count(cdrs, c -> c.ocid() != 0 && !c.ocComplete()));
        m.put("oc_dmc", count(cdrs, c -> c.ocid() != 0 && c.ocDmc()));
    }

    static boolean agentAnswered(Cdr c) {
        return c.tmAnsw() != null && c.aid() != 0;
    }

    static boolean lost(Cdr c) {
        return c.queue().toMillis() > 0 && !agentAnswered(c);
    }

    static boolean amByAgent(Cdr c) {
        return c.ocAnswerphone() && c.ocid() != 102;
    }

    static long count(List<Cdr> cdrs, Predicate<Cdr> p) {
        return cdrs.stream().filter(p).count();
    }

    static BigDecimal seconds(List<Cdr> cdrs, ToLongFunction<Cdr> millis) {
        return BigDecimal.valueOf(cdrs.stream().mapToLong(millis).sum(), 3);
    }

    /** A group value of one CDR, in the centre's zone, as the report writes it. */
    static String value(Cdr c, String field, ZoneId zone) {
        LocalDateTime t = LocalDateTime.ofInstant(c.tmInit(), zone);
        return switch (field) {
            case "qid" -> String.valueOf(c.qid());
            case "qnm" -> c.qnm();
            case "qtable" -> c.qtable();
            case "qtype" -> c.qtype();
            case "tnm" -> c.tnm();
            case "dsnm" -> c.dsnm();
            case "cnm" -> c.cnm();
            case "urn" -> String.valueOf(c.urn());
            case "ddi" -> c.ddi();
            case "cli" -> c.cli();
            case "dcode" -> c.dcode();
            case "ocnm" -> c.ocnm();
            case "ocis_cmpl" -> c.ocid() != 0 && c.ocComplete() && !c.ocSale() ? "1" : "0";
            case "ocis_dmc" -> c.ocid() != 0 && c.ocDmc() ? "1" : "0";
            case "aid" -> String.valueOf(c.aid());
            case "anm" -> c.anm();
            case "has_aid" -> c.aid() != 0 ? "1" : "0";
            case "tid" -> String.valueOf(c.tid());
            case "dsid" -> String.valueOf(c.dsid());
            case "cid" -> String.valueOf(c.cid());
            case "dtype" -> c.dtype();
            case "ctype" -> c.ctype();
            case "cres" -> c.cres();
            case "ocid" -> String.valueOf(c.ocid());
            case "ocis_cmpli" -> c.ocid() != 0 && c.ocComplete() ? "1" : "0";
            case "ocis_sale" -> c.ocid() != 0 && c.ocSale() ? "1" : "0";
            case "is_mob" -> c.isMob() ? "1" : "0";
            case "dest" -> c.dest();
            case "P1D", "date" -> t.toLocalDate().toString();
            case "P1W" -> t.toLocalDate().with(TemporalAdjusters.previousOrSame(DayOfWeek.SUNDAY))
                    .toString();
            case "P1M" -> t.toLocalDate().toString().substring(0, 7);
            case "day" -> t.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
            case "hour" -> String.format("%02d", t.getHour());
            case "min_10" -> String.format("%02d", t.getMinute() / 10 * 10);
            case "PT1H" -> String.format("%s_%02d-00-00", t.toLocalDate(), t.getHour());
            case "PT15M" -> String.format("%s_%02d-%02d-00", t.toLocalDate(), t.getHour(),
                    t.getMinute() / 15 * 15);
            case "PT10M" -> String.format("%s_%02d-%02d-00", t.toLocalDate(), t.getHour(),
                    t.getMinute() / 10 * 10);
            default -> throw new IllegalArgumentException("no expected value for " + field);
        };
    }

    static final List<String> TESTED_GROUPABLES = List.of("qid", "qnm", "qtable", "aid", "anm",
            "has_aid", "tid", "dsid", "cid", "dtype", "ctype", "cres", "ocid", "ocis_cmpli",
            "ocis_sale", "is_mob", "dest", "P1D", "date", "P1W", "P1M", "day", "hour", "min_10",
            "PT1H", "PT15M", "PT10M", "qtype", "tnm", "dsnm", "cnm", "urn", "ddi", "cli", "dcode",
            "ocnm", "ocis_cmpl", "ocis_dmc");
}
