package org.opendialler.reporting;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import java.math.BigDecimal;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;

/** The columns of the {@code cdr} and {@code agent_sessions} tables (migration V40). */
final class CdrTable {

    static final Table<Record> CDR = table(name("cdr"));
    static final Field<Long> CALLID = lng("callid");
    static final Field<Long> CCID = lng("ccid");
    static final Field<Long> QID = lng("qid");
    static final Field<String> QTABLE = str("qtable");
    static final Field<String> QTYPE = str("qtype");
    static final Field<String> QNM = str("qnm");
    static final Field<String> ORIG_QNM = str("orig_qnm");
    static final Field<Long> CID = lng("cid");
    static final Field<String> CNM = str("cnm");
    static final Field<Long> AID = lng("aid");
    static final Field<String> ANM = str("anm");
    static final Field<Long> TID = lng("tid");
    static final Field<String> TNM = str("tnm");
    static final Field<Long> DSID = lng("dsid");
    static final Field<String> DSNM = str("dsnm");
    static final Field<Long> URN = lng("urn");
    static final Field<String> DDI = str("ddi");
    static final Field<String> CLI = str("cli");
    static final Field<String> DEST = str("dest");
    static final Field<String> DCODE = str("dcode");
    static final Field<String> CTYPE = str("ctype");
    static final Field<String> DTYPE = str("dtype");
    static final Field<String> CRES = str("cres");
    static final Field<Long> OCID = lng("ocid");
    static final Field<String> OCNM = str("ocnm");
    static final Field<Boolean> OC_COMPLETE = bool("oc_complete");
    static final Field<Boolean> OC_SALE = bool("oc_sale");
    static final Field<Boolean> OC_DMC = bool("oc_dmc");
    static final Field<Boolean> OC_ANSWERPHONE = bool("oc_answerphone");
    static final Field<String> FLAGS = str("flags");
    static final Field<String> CARRIER = str("carrier");
    static final Field<Long> CTAG = lng("ctag");
    static final Field<String> TAG = str("tag");
    static final Field<String> SMS_MSG = str("sms_msg");
    static final Field<Long> T_INIT_MS = lng("t_init_ms");
    static final Field<Long> T_ANSW_MS = lng("t_answ_ms");
    static final Field<Long> T_DISC_MS = lng("t_disc_ms");
    static final Field<Long> T_CUSTOMER_MS = lng("t_customer_ms");
    static final Field<Long> LAST_UPDATE_MS = lng("last_update_ms");
    static final Field<Long> MS_RING = lng("ms_ring");
    static final Field<Long> MS_QUE = lng("ms_que");
    static final Field<Long> MS_DUR = lng("ms_dur");
    static final Field<Long> MS_TALK = lng("ms_talk");
    static final Field<Long> MS_TPT = lng("ms_tpt");
    static final Field<Long> MS_WRAP = lng("ms_wrap");
    static final Field<Long> MS_WAIT = lng("ms_wait");
    static final Field<BigDecimal> COST_CUST = field(name("cost_cust"), BigDecimal.class);
    static final Field<BigDecimal> BILL_CUST = field(name("bill_cust"), BigDecimal.class);
    static final Field<Long> BILL_DUR = lng("bill_dur");
    static final Field<Boolean> IS_MOB = bool("is_mob");
    static final Field<String> IVR_KEY = str("ivr_key");
    static final Field<Long> MS_KEY = lng("ms_key");
    static final Field<String> TERM_BY = str("term_by");
    static final Field<Long> LOC_MINUTE = lng("loc_minute");
    static final Field<Integer> LOC_MONTH = field(name("loc_month"), Integer.class);

    static final Table<Record> SESSIONS = table(name("agent_sessions"));
    static final Field<Long> SESSION_ID = lng("session_id");
    static final Field<Long> TM_LOGIN = lng("tm_login");
    static final Field<Long> TM_LOGOUT = lng("tm_logout");
    static final Field<Long> TM_FIRST = lng("tm_first");
    static final Field<Long> TM_LAST = lng("tm_last");
    static final Field<Long> SEC_LOGIN = lng("sec_login");
    static final Field<Long> SEC_WAIT = lng("sec_wait");
    static final Field<Long> SEC_TALK = lng("sec_talk");
    static final Field<Long> SEC_WRAP = lng("sec_wrap");
    static final Field<Long> SEC_PAUSE = lng("sec_pause");
    static final Field<Long> NC_ALL = lng("nc_all");

    private CdrTable() {
    }

    private static Field<Long> lng(String column) {
        return field(name(column), Long.class);
    }

    private static Field<String> str(String column) {
        return field(name(column), String.class);
    }

    private static Field<Boolean> bool(String column) {
        return field(name(column), Boolean.class);
    }
}
