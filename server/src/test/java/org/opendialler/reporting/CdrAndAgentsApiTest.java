package org.opendialler.reporting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opendialler.testing.Api;
import org.opendialler.testing.TestServer;

class CdrAndAgentsApiTest {

    private static final Instant FROM = Instant.parse("2026-05-04T08:00:00Z");
    private static final long START = FROM.getEpochSecond();
    private static final long STOP = START + 86_400;
    private static final String CALLS_FIELDS = "ccid,ccnm,cid,cnm,qtable,qtype,qid,qnm,aid,anm,"
            + "has_aid,tid,tnm,dsid,dsnm,urn,ddi,cli,dest,dcode,ctype,dtype,cres,is_mob,ocid,"
            + "ocnm,ocis_cmpl,ocis_cmpli,ocis_sale,ocis_dmc,nc_all,nc_in,nc_out,nc_out_all,"
            + "nc_sms_out,nc_man,nc_tpt,nc_dtpt,nc_wait,nc_wrap,nc_con,nc_ans,nc_ans_in,"
            + "nc_ans_man,nc_que,nc_ans_le,nc_ans_gt,nc_que_le,nc_que_gt,sec_dur,sec_talk_all,"
            + "sec_talk,sec_tpt,sec_call,sec_ans,oc_abdn,oc_cbck,oc_ama,oc_amd,oc_dead,"
            + "oc_noansw,oc_sale,oc_cmpl,oc_cmpli,oc_ncmpl,oc_dmc,cost_cust,bill_cust,bill_dur,"
            + "callid_max";
    private static final String CDR_FIELDS = "callid,qtable,qtype,qid,qnm,orig_qnm,aid,anm,"
            + "dsid,dsnm,urn,ddi,cli,cres,ocid,ocnm,flags,carrier,ctag,tag,dest,dcode,ctype,"
            + "dtype,sms_msg,sec_dur,sec_ring,sec_que,tm_init,tm_answ,tm_disc,oc_sale,oc_cmpl,"
            + "oc_cmpli,oc_ncmpl,oc_dmc,cost_cust,bill_cust,bill_dur,ivr_key,sec_key";

    private static TestServer server;
    private static Api api;
    private static Api other;
    private static List<Cdr> cdrs;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        api = server.newCentre("Cdr Centre");
        other = server.newCentre("Other");
        var dsl = server.server().database().dsl();
        List<Cdr> made = new RandomCdrs(11).make(api.ccid, 120, FROM, Duration.ofHours(20));
        cdrs = RandomCdrs.withCallids(made, CdrStore.insertAll(dsl, made));
        CdrStore.insertAll(dsl, new RandomCdrs(12).make(other.ccid, 30, FROM,
                Duration.ofHours(20)));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static JsonNode get(Api as, String query) {
        return as.get("/reporting.php?token=" + as.token + "&format=json&" + query).json();
    }

    @Test
    void cdrAnswersEveryValueAsAStringOrNull() {
        Cdr c = cdrs.get(0);

        JsonNode answer = get(api, "method=cdr&fields=" + CDR_FIELDS + "&callid=" + c.callid()
                + "&range=" + START + ":" + STOP);

        assertEquals(1, answer.get("total").asInt(), answer.toString());
        JsonNode item = answer.get("list").get(0);
        item.fields().forEachRemaining(e -> assertTrue(e.getValue().isTextual()
                || e.getValue().isNull(), e.getKey()));
        assertEquals(String.valueOf(c.callid()), item.get("callid").asText());
        assertEquals(BigDecimal.valueOf(c.duration().toMillis(), 3).toPlainString(),
                item.get("sec_dur").asText());
        assertEquals(String.valueOf(c.tmInit().getEpochSecond()), item.get("tm_init").asText());
        assertEquals(c.tmAnsw() == null ? null : String.valueOf(c.tmAnsw().getEpochSecond()),
                item.get("tm_answ").textValue());
        assertEquals(0, c.costCust().compareTo(new BigDecimal(item.get("cost_cust").asText())));
        assertEquals(c.ocid() != 0 && c.ocSale() ? "1" : "0", item.get("oc_sale").asText());
        assertEquals(c.flags(), item.get("flags").asText());
    }

    @Test
    void cdrSortsPagesAndCountsEveryMatch() {
        List<Cdr> agent501 = cdrs.stream().filter(c -> c.aid() == 501)
                .sorted(Comparator.comparing(Cdr::duration).reversed()
                        .thenComparing(Comparator.comparing(Cdr::callid).reversed()))
                .toList();

        JsonNode answer = get(api, "method=cdr&fields=callid,sec_dur&agent=501&sort=-sec_dur"
                + "&limit=5&start=2&range=" + START + ":" + STOP);

        assertEquals(agent501.size(), answer.get("total").asInt());
        List<String> expected = agent501.subList(2, 7).stream()
                .map(c -> String.valueOf(c.callid())).toList();
        List<String> got = new ArrayList<>();
        answer.get("list").forEach(i -> got.add(i.get("callid").asText()));
        assertEquals(expected, got);
    }

    @Test
    void cdrRefusesAnUnknownField() {
        JsonNode answer = get(api, "method=cdr&fields=callid,secret&range=" + START + ":" + STOP);

        assertEquals("Unknown field [secret]", answer.get("error").asText());
    }

    @Test
    void nodeReportingFlowGetsCallsByQueueForOneAgentThenTheCdrs() {
        // The vendor's Node.js script: token without format, then calls and cdr as GETs.
        JsonNode token = api.get("/token.php?action=get&username=" + api.username
                + "&password=" + api.password).json();
        String t = token.get("token").asText();
        String range = "&range=" + START + ":" + STOP;

        JsonNode calls = api.get("/reporting.php?token=" + t + "&method=calls&format=json"
                + "&fields=" + CALLS_FIELDS + range + "&groupby=qtable,qnm&agent=503").json();
        JsonNode cdr = api.get("/reporting.php?token=" + t + "&method=cdr&format=json"
                + "&fields=" + CDR_FIELDS + range + "&agent=503").json();

        List<Cdr> mine = cdrs.stream().filter(c -> c.aid() == 503).toList();
        assertEquals(70, CALLS_FIELDS.split(",").length);
        var byQueue = mine.stream().collect(Collectors.groupingBy(c -> c.qtable() + "/"
                + c.qnm(), Collectors.counting()));
        assertEquals(byQueue.size(), calls.get("list").size(), calls.toString());
        for (JsonNode item : calls.get("list")) {
            String key = item.get("qtable").asText() + "/" + item.get("qnm").asText();
            assertEquals(byQueue.get(key), item.get("nc_all").asLong());
            assertEquals("503", item.get("aid").asText());
        }
        assertEquals(mine.size(), cdr.get("total").asInt());
        for (JsonNode item : cdr.get("list")) {
            assertTrue(item.get("urn").isTextual() && item.get("qtable").isTextual());
        }
    }

    @Test
    void nodeReportingFlowThenReadsEachCalledRecordByUrnAndTable() {
        Api centre = server.newCentre("Node Flow Centre");
        centre.campaignTable("NodeLeads");
        long dataset = centre.write("ecnow.php", "ecnow_datasets", "create",
                "[{\"table\":\"NodeLeads\"}]").get("key").asLong();
        Map<Long, String> names = new LinkedHashMap<>();
        for (String name : List.of("Ada", "Brân", "Zoë")) {
            long urn = centre.write("ecnow.php", "ecnow_records", "create", "[{\"dataset\":"
                    + dataset + ",\"firstname\":\"" + name + "\",\"mobilephone\":"
                    + "\"07700 900" + (100 + names.size()) + "\"}]").get("key").asLong();
            names.put(urn, name);
        }
        List<Cdr> calls = new ArrayList<>();
        names.keySet().forEach(urn -> calls.add(new RandomCdrs(urn).one(centre.ccid,
                FROM.plusSeconds(urn % 1000)).toBuilder().urn(urn).qtable("NodeLeads").aid(503)
                .build()));
        calls.add(new RandomCdrs(1).one(centre.ccid, FROM.plusSeconds(5)).toBuilder().urn(0)
                .qtable("NodeLeads").aid(503).build());
        CdrStore.insertAll(server.server().database().dsl(), calls);

        String t = centre.get("/token.php?action=get&username=" + centre.username
                + "&password=" + centre.password).json().get("token").asText();
        JsonNode cdr = centre.get("/reporting.php?token=" + t + "&method=cdr&format=json"
                + "&fields=" + CDR_FIELDS + "&range=" + START + ":" + STOP + "&agent=503")
                .json();
        Map<Long, String> read = new LinkedHashMap<>();
        for (JsonNode item : cdr.get("list")) {
            long urn = item.get("urn").asLong();
            if (urn > 0 && !item.get("qtable").asText().isEmpty()) {
                JsonNode record = centre.get("/ecnow.php?token=" + t + "&method=ecnow_records"
                        + "&format=json&action=read&urn=" + urn + "&table="
                        + Api.enc(item.get("qtable").asText())).json();
                assertEquals(1, record.get("total").asInt(), record.toString());
                read.put(record.get("list").get(0).get("id").asLong(),
                        record.get("list").get(0).get("FirstName").asText());
            }
        }

        assertEquals(4, cdr.get("total").asInt());
        assertEquals(names, read);
    }

    @Test
    void laravelAgentsReadKeepsSessionsLoggedInWithinTheRange() {
        var dsl = server.server().database().dsl();
        Instant login = FROM.plusSeconds(600);
        AgentSession inside = new AgentSession(api.ccid, 501, "Agent 1", 41, "Team 1", login,
                login.plusSeconds(3600), login.plusSeconds(60), login.plusSeconds(3000),
                Duration.ofHours(1), Duration.ofMinutes(10), Duration.ofMinutes(30),
                Duration.ofMinutes(15), Duration.ofMinutes(5), 12);
        AgentSession open = new AgentSession(api.ccid, 502, "Agent 2", 42, "Team 2",
                login.plusSeconds(100), null, null, null, Duration.ZERO, Duration.ZERO,
                Duration.ZERO, Duration.ZERO, Duration.ZERO, 0);
        AgentSession outside = new AgentSession(api.ccid, 503, "Agent 3", 41, "Team 1",
                FROM.minusSeconds(7200), null, null, null, null, null, null, null, null, 0);
        AgentSession otherCentre = new AgentSession(other.ccid, 501, "Theirs", 0, "", login,
                null, null, null, null, null, null, null, null, 0);
        for (AgentSession s : List.of(inside, open, outside, otherCentre)) {
            AgentSessions.insert(dsl, s);
        }

        JsonNode answer = api.get("/reporting.php?method=agents&fields=aid,anm,tm_login,"
                + "tm_logout,tm_first,tm_last&isset=tm_login&range=" + START + ":" + (START + 7200)
                + "&format=json&token=" + api.token).json();

        assertEquals(2, answer.get("total").asInt(), answer.toString());
        JsonNode first = answer.get("list").get(0);
        assertEquals("501", first.get("aid").asText());
        assertEquals("Agent 1", first.get("anm").asText());
        assertEquals(String.valueOf(login.getEpochSecond()), first.get("tm_login").asText());
        assertEquals(String.valueOf(login.getEpochSecond() + 3600),
                first.get("tm_logout").asText());
        JsonNode second = answer.get("list").get(1);
        assertEquals("502", second.get("aid").asText());
        assertTrue(second.get("tm_logout").isNull());
    }

    @Test
    void agentsGroupedByTeamSumsTheNumericFields() {
        var dsl = server.server().database().dsl();
        Instant login = FROM.plusSeconds(30_000);
        for (long aid : List.of(601L, 602L)) {
            AgentSessions.insert(dsl, new AgentSession(api.ccid, aid, "A" + aid, 77, "Team 77",
                    login, null, null, null, Duration.ofSeconds(aid), Duration.ZERO,
                    Duration.ofSeconds(10), Duration.ZERO, Duration.ZERO, aid - 600));
        }

        JsonNode answer = get(api, "method=agents&fields=tid,tnm,sec_login,sec_talk,nc_all"
                + "&groupby=tid&team=77&range=" + START + ":" + STOP);

        JsonNode item = answer.get("list").get(0);
        assertEquals("77", item.get("tid").asText());
        assertEquals(601 + 602, item.get("sec_login").asLong());
        assertEquals(20, item.get("sec_talk").asLong());
        assertEquals(3, item.get("nc_all").asLong());
    }

    @Test
    void cdrAndAgentsHaveFieldCatalogues() {
        JsonNode cdr = get(api, "method=cdr&action=fields");
        JsonNode agents = get(api, "method=agents&action=fields");

        List<String> cdrFields = new ArrayList<>();
        cdr.get("list").forEach(f -> cdrFields.add(f.get("field").asText()));
        assertTrue(cdrFields.containsAll(List.of(CDR_FIELDS.split(","))), cdrFields.toString());
        assertEquals(14, agents.get("list").size());
        assertEquals("Unknown action", get(api, "method=cdr&action=delete").get("error")
                .asText());
    }

    @Test
    void aCentreNeverSeesAnotherCentresCdrs() {
        long theirs = server.server().database().dsl()
                .select(CdrTable.CALLID).from(CdrTable.CDR).where(CdrTable.CCID.eq(other.ccid))
                .limit(1).fetchOne(CdrTable.CALLID);

        JsonNode byId = get(api, "method=cdr&fields=callid&callid=" + theirs + "&range="
                + START + ":" + STOP);
        JsonNode all = get(api, "method=cdr&fields=callid&campaign=" + other.ccid + "&range="
                + START + ":" + STOP);

        assertEquals(0, byId.get("total").asInt());
        assertEquals(cdrs.size(), all.get("total").asInt());
    }
}
