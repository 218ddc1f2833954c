package org.opendialler.client;

import java.util.Locale;

/**
 * The fields of a {@code reporting.php?method=calls} report: the groupable ones (values are
 * text) and the metrics (numbers). The wire name is the lower-case name, except the ISO-8601
 * time buckets, which keep their own spelling.
 */
public enum CallsField {
    CCID, CCNM, CID, CNM, QTABLE, QTYPE, QID, QNM, AID, ANM, HAS_AID, TID, TNM, DSID, DSNM,
    URN, DDI, CLI, PT10M, PT15M, PT30M, PT1H, P1D, P1W, P1M, DATE, DAY, HOUR, MIN_10, DEST,
    DCODE, CTYPE, DTYPE, CRES, IS_MOB, OCID, OCNM, OCIS_CMPL, OCIS_CMPLI, OCIS_SALE, OCIS_DMC,
    NC_ALL, NC_IN, NC_OUT, NC_OUT_ALL, NC_SMS_OUT, NC_MAN, NC_TPT, NC_DTPT, NC_WAIT, NC_WRAP,
    NC_CON, NC_ANS, NC_ANS_IN, NC_ANS_MAN, NC_QUE, NC_ANS_LE, NC_ANS_GT, NC_QUE_LE, NC_QUE_GT,
    SEC_DUR, SEC_TALK_ALL, SEC_TALK, SEC_TPT, SEC_CALL, SEC_ANS, OC_ABDN, OC_CBCK, OC_AMA,
    OC_AMD, OC_DEAD, OC_NOANSW, OC_SALE, OC_CMPL, OC_CMPLI, OC_NCMPL, OC_DMC, COST_CUST,
    BILL_CUST, BILL_DUR, CALLID_MAX;

    /** The name the server knows this field by. */
    public String wire() {
        String n = name();
        return n.startsWith("PT") || n.matches("P1[DWM]") ? n : n.toLowerCase(Locale.ROOT);
    }

    /** Whether the field can be grouped by (its value is text, not a metric). */
    public boolean groupable() {
        return ordinal() < NC_ALL.ordinal();
    }
}
