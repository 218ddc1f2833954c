package org.opendialler.dialler;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;

/** The columns the running dialler reads and writes, of other areas' tables and its own. */
final class EngineTables {

    static final Table<Record> RECORDS = table(name("records"));
    static final Field<Long> R_ID = lng("id");
    static final Field<Long> R_CCID = lng("ccid");
    static final Field<Long> R_DATASET = lng("datasetid");
    static final Field<String> R_PROCESSTYPE = str("processtype");
    static final Field<Long> R_PROCESSDATE = lng("processdate");
    static final Field<Long> R_CALLBACK = lng("callback");
    static final Field<Long> R_SAMETIME = lng("call_back_sametime");
    static final Field<Long> R_AGENTREF = lng("agentref");
    static final Field<Long> R_AGENT_SPECIFIC = lng("agent_specific");
    static final Field<Long> R_OUTCOME = lng("outcomecode");
    static final Field<String> R_NOTES = str("notes");
    static final Field<String> R_POSTCODE = str("postcode");
    static final Field<String> R_HOME = str("homephone_e164");
    static final Field<String> R_WORK = str("workphone_e164");
    static final Field<String> R_MOBILE = str("mobilephone_e164");
    static final Field<Integer> R_ATTEMPTS = field(name("attempts"), Integer.class);
    static final Field<Long> R_LAST_ATTEMPT = lng("last_attempt_at");
    static final Field<String> R_CLAIMED_BY = str("claimed_by");
    static final Field<Long> R_LEASE = lng("lease_until");
    static final Field<Long> R_JUDGE_AGAIN = lng("judge_again_at");
    static final Field<String> R_REFUSAL = str("refusal_reason");
    static final Field<Long> R_REFUSED_AT = lng("refused_at");

    static final Table<Record> VALUES = table(name("record_values"));
    static final Field<Long> V_RECORD = field(name("record_values", "record_id"), Long.class);
    static final Field<Long> V_FIELD = field(name("record_values", "field_id"), Long.class);
    static final Field<Long> V_CCID = field(name("record_values", "ccid"), Long.class);
    static final Field<String> V_VALUE = field(name("record_values", "field_value"),
            String.class);

    static final Table<Record> FIELDS = table(name("campaign_fields"));
    static final Field<Long> F_ID = field(name("campaign_fields", "field_id"), Long.class);
    static final Field<Long> F_CCID = field(name("campaign_fields", "ccid"), Long.class);
    static final Field<String> F_NAME_LOWER = field(name("campaign_fields", "name_lower"),
            String.class);

    static final Table<Record> DATASETS = table(name("datasets"));
    static final Field<Long> D_ID = lng("dataset_id");
    static final Field<Long> D_CCID = lng("ccid");
    static final Field<Long> D_TABLE = lng("table_id");
    static final Field<Long> D_QID = lng("qid");
    static final Field<String> D_STATUS = str("d_status");
    static final Field<Integer> D_PRIORITY = field(name("d_priority"), Integer.class);
    static final Field<String> D_DESCRIPTION = str("description");

    static final Table<Record> TABLES = table(name("campaign_tables"));
    static final Field<Long> T_ID = lng("table_id");
    static final Field<Long> T_CCID = lng("ccid");
    static final Field<String> T_NAME_LOWER = str("name_lower");

    static final Table<Record> QUEUES = table(name("queues"));
    static final Field<Long> Q_ID = lng("qid");
    static final Field<Long> Q_CCID = lng("ccid");
    static final Field<String> Q_TYPE = str("queue_type");
    static final Field<String> Q_LIVE = str("live");
    static final Field<String> Q_DESCRIPTION = str("description");
    static final Field<String> Q_MONITOR = str("monitor");
    static final Field<String> Q_TPT_RECORD = str("tpt_record");
    static final Field<String> Q_ANNOUNCE = str("announce");
    static final Field<Long> Q_CAMPAIGN = lng("campaignid");
    static final Field<Integer> Q_MAX_ATTEMPTS = field(name("max_attempts"), Integer.class);
    static final Field<Integer> Q_MAX_WAIT = field(name("max_wait"), Integer.class);

    static final Table<Record> AGENTS = table(name("agents"));
    static final Field<Long> A_ID = lng("agentid");
    static final Field<Long> A_CCID = lng("ccid");
    static final Field<String> A_FIRST = str("firstname");
    static final Field<String> A_LAST = str("lastname");
    static final Field<String> A_LOGIN = str("login");
    static final Field<Long> A_TEAM = lng("team");
    static final Field<String> A_ACTIVE = str("active");
    static final Field<Boolean> A_LOGGED_IN = field(name("logged_in"), Boolean.class);

    static final Table<Record> TEAMS = table(name("teams"));
    static final Field<Long> TEAM_ID = lng("teamid");
    static final Field<String> TEAM_NAME = str("name");

    static final Table<Record> CAMPAIGNS = table(name("campaigns"));
    static final Field<Long> C_ID = lng("campaignid");
    static final Field<String> C_NAME = str("name");

    static final Table<Record> PRIORITIES = table(name("priorities"));
    static final Field<Long> P_AGENT = lng("agentid");
    static final Field<Long> P_QID = lng("qid");
    static final Field<Long> P_CCID = lng("ccid");

    static final Table<Record> OUTCOMES = table(name("outcome_codes"));
    static final Field<Long> O_ID = lng("outcome");
    static final Field<Long> O_CCID = lng("ccid");
    static final Field<String> O_DESCRIPTION = str("description");
    static final Field<String> O_COMPLETE = str("complete");
    static final Field<String> O_SALE = str("sale");
    static final Field<String> O_DMC = str("dmc");
    static final Field<String> O_DNC = str("do_not_call");
    static final Field<Integer> O_ANSWERPHONE = field(name("answerphone"), Integer.class);

    static final Table<Record> DNC = table(name("dnc"));
    static final Field<Long> DNC_CCID = lng("ccid");
    static final Field<String> DNC_DDI = str("ddi");
    static final Field<Long> DNC_QID = lng("qid");
    static final Field<Long> DNC_URN = lng("urn");
    static final Field<Long> DNC_ADDED = lng("added_at");

    static final Table<Record> STATUS_LOG = table(name("status_log"));
    static final Field<Long> S_UID = lng("uid");
    static final Field<Long> S_CCID = lng("ccid");
    static final Field<Long> S_AGENT = lng("agent");
    static final Field<String> S_STATE = str("state");
    static final Field<String> S_REASON = str("reason");
    static final Field<Long> S_QID = lng("qid");
    static final Field<Long> S_START = lng("start_at");
    static final Field<Long> S_STOP = lng("stop_at");
    static final Field<Long> S_SEC = lng("sec");

    static final Table<Record> CALLS_OPEN = table(name("calls_open"));
    static final Field<Long> CO_CALLID = lng("callid");
    static final Field<Long> CO_CCID = lng("ccid");
    static final Field<Long> CO_QID = lng("qid");
    static final Field<Long> CO_RECORD = lng("record_id");
    static final Field<Long> CO_DATASET = lng("dataset_id");
    static final Field<String> CO_NODE = str("node");
    static final Field<String> CO_DDI = str("ddi");
    static final Field<String> CO_CLI = str("cli");
    static final Field<Long> CO_INIT_MS = lng("t_init_ms");
    static final Field<String> CO_DTYPE = str("dtype");

    static final Table<Record> CDR = table(name("cdr"));
    static final Field<Long> CDR_CCID = lng("ccid");
    static final Field<Long> CDR_QID = lng("qid");
    static final Field<String> CDR_CRES = str("cres");
    static final Field<String> CDR_DTYPE = str("dtype");
    static final Field<Long> CDR_OCID = lng("ocid");
    static final Field<Long> CDR_INIT_MS = lng("t_init_ms");
    static final Field<Long> CDR_ANSW_MS = lng("t_answ_ms");

    private EngineTables() {
    }

    private static Field<Long> lng(String column) {
        return field(name(column), Long.class);
    }

    private static Field<String> str(String column) {
        return field(name(column), String.class);
    }
}
