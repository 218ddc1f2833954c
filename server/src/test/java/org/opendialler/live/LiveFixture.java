package org.opendialler.live;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.opendialler.reporting.Cdr;
import org.opendialler.reporting.CdrStore;
import org.opendialler.testing.Api;
import org.opendialler.testing.TestServer;

/**
 * A centre with two teams, four agents, two queues, a live board and today's CDRs, plus a second
 * centre with its own; and the expected figures, computed here from the data put in.
 */
final class LiveFixture {

    /** 14:05 in London (GMT in March): the centre's day began at 00:00Z. */
    static final Instant NOW = Instant.parse("2024-03-12T14:05:00Z");
    static final Instant DAY_START = Instant.parse("2024-03-12T00:00:00Z");

    /** One CDR as the test put it in. */
    record Call(long qid, long aid, long tid, String cres, boolean answered, Instant init) {
    }

    final FixedBoard board = new FixedBoard();
    final Api a;
    final Api b;
    long team1;
    long team2;
    long ann;
    long bob;
    long cat;
    long dan;
    long sales;
    long support;
    long otherQueue;
    final List<Call> calls = new ArrayList<>();

    LiveFixture(TestServer server) {
        server.clock.set(NOW);
        server.server().useLiveBoard(board);
        a = server.newCentre("Live A");
        b = server.newCentre("Live B");
        configure();
        boardOfA();
        boardOfB();
        cdrs(server);
    }

    private void configure() {
        team1 = create(a, "teams", "{\"name\":\"Blue\"}");
        team2 = create(a, "teams", "{\"name\":\"Green\"}");
        ann = agent("Ann", "Lee", team1);
        bob = agent("Bob", "Hart", team1);
        cat = agent("Cat", "Moss", team2);
        dan = agent("Dan", "Fry", team2);
        sales = create(a, "queues", "{\"type\":\"inbound\",\"description\":\"Sales line\","
                + "\"abandon_target\":3}");
        support = create(a, "queues", "{\"type\":\"inbound\",\"description\":\"Support\","
                + "\"abandon_target\":2.5}");
        otherQueue = create(b, "queues", "{\"type\":\"inbound\",\"description\":\"B line\"}");
        assign(ann, sales);
        assign(bob, sales);
        assign(cat, support);
        assign(dan, support);
    }

    private long agent(String first, String last, long team) {
        return create(a, "agents", "{\"firstname\":\"" + first + "\",\"lastname\":\"" + last
                + "\",\"login\":\"" + first.toLowerCase() + "\",\"password\":\"pw-1234\","
                + "\"team\":" + team + "}");
    }

    private void assign(long agent, long qid) {
        JsonNode answer = a.write("database.php", "priority", "create",
                "[{\"agentid\":" + agent + ",\"qid\":" + qid + ",\"level\":1}]");
        assertEquals(1, answer.path("total").asInt(), answer.toString());
    }

    static long create(Api api, String method, String row) {
        JsonNode answer = api.write("database.php", method, "create", "[" + row + "]");
        assertEquals(1, answer.path("total").asInt(), answer.toString());
        return answer.get("key").asLong();
    }

    private void boardOfA() {
        long ccid = a.ccid;
        board.add(ccid, new LiveBoard.AgentNow(ann, "Ann Lee", team1, "wait", ago(30), null,
                null, null, null));
        board.add(ccid, new LiveBoard.AgentNow(bob, "Bob Hart", team1, "call", ago(95), sales,
                9001L, "+447700900001", 55L));
        board.add(ccid, new LiveBoard.AgentNow(cat, "Cat Moss", team2, "wrap", ago(10), support,
                9002L, "+447700900002", 56L));
        board.add(ccid, new LiveBoard.CallNow(9001, sales, "in", "in", "+447700900001",
                "+441632960001", bob, "talking", ago(90)));
        board.add(ccid, new LiveBoard.CallNow(9003, sales, "in", "in", "+447700900003",
                "+441632960001", null, "queued", ago(42)));
        board.add(ccid, new LiveBoard.CallNow(9004, sales, "in", "in", "+447700900004",
                "+441632960001", null, "queued", ago(12)));
        board.add(ccid, new LiveBoard.CallNow(9005, support, "out", "out", "+447700900005",
                "+441632960002", null, "ringing", ago(3)));
        board.add(ccid, new LiveBoard.Meters(sales, 2.5, 1.25, 3.0));
    }

    private void boardOfB() {
        board.add(b.ccid, new LiveBoard.AgentNow(1, "Zed", 0, "wait", ago(5), null, null, null,
                null));
        board.add(b.ccid, new LiveBoard.CallNow(9900, otherQueue, "in", "in", "+447700900099",
                "+441632960099", null, "queued", ago(500)));
    }

    private static Instant ago(long seconds) {
        return NOW.minusSeconds(seconds);
    }

    private void cdrs(TestServer server) {
        Instant t = DAY_START;
        // Yesterday's and a later one are not today's (the clock says 14:05).
        call(sales, ann, team1, "Answered", true, t.minusSeconds(60));
        call(sales, ann, team1, "Answered", true, NOW.plusSeconds(60));
        call(sales, ann, team1, "Answered", true, t.plusSeconds(30 * 60));
        call(sales, ann, team1, "Answered", true, t.plusSeconds(9 * 3600 + 5 * 60));
        call(sales, bob, team1, "Answered", true, t.plusSeconds(9 * 3600 + 7 * 60));
        call(sales, 0, 0, "Abandoned", true, t.plusSeconds(9 * 3600 + 12 * 60));
        call(sales, 0, 0, "No Answer", false, t.plusSeconds(9 * 3600 + 15 * 60));
        call(sales, bob, team1, "Answered", true, t.plusSeconds(13 * 3600 + 55 * 60));
        call(support, cat, team2, "Answered", true, t.plusSeconds(10 * 3600 + 1 * 60));
        call(support, 0, 0, "Abandoned", true, t.plusSeconds(10 * 3600 + 2 * 60));
        call(support, 0, 0, "Abandoned", true, t.plusSeconds(10 * 3600 + 3 * 60));
        call(support, dan, team2, "Answered", true, t.plusSeconds(14 * 3600));
        var dsl = server.server().database().dsl();
        for (Call c : calls) {
            CdrStore.insert(dsl, cdr(a.ccid, c));
        }
        // Another centre's calls, on a queue id equal to one of A's, must never count for A.
        CdrStore.insert(dsl, cdr(b.ccid, new Call(sales, 0, 0, "Abandoned", true,
                t.plusSeconds(11 * 3600))));
        CdrStore.insert(dsl, cdr(b.ccid, new Call(otherQueue, 0, 0, "Answered", true,
                t.plusSeconds(11 * 3600))));
    }

    private void call(long qid, long aid, long tid, String cres, boolean answered, Instant at) {
        calls.add(new Call(qid, aid, tid, cres, answered, at));
    }

    private static Cdr cdr(long ccid, Call c) {
        return Cdr.builder().ccid(ccid).qid(c.qid()).qtype("inbound").aid(c.aid())
                .tid(c.tid()).ctype("in").dtype("in").cres(c.cres())
                .tmInit(c.init()).tmAnsw(c.answered() ? c.init().plusSeconds(5) : null)
                .tmDisc(c.init().plusSeconds(120)).duration(Duration.ofSeconds(120)).build();
    }

    /** Today's calls (since the day's start, up to now) that pass a test. */
    List<Call> today(Predicate<Call> wanted) {
        return calls.stream().filter(c -> !c.init().isBefore(DAY_START))
                .filter(c -> !c.init().isAfter(NOW)).filter(wanted).toList();
    }

    long answered(List<Call> calls) {
        return calls.stream().filter(c -> c.answered() && c.aid() != 0).count();
    }

    /** Abandoned over live answers (Answered or Abandoned), percent to two places. */
    double abandonRate(List<Call> calls) {
        long abandoned = calls.stream().filter(c -> c.cres().equals("Abandoned")).count();
        long live = calls.stream().filter(c -> c.cres().equals("Abandoned")
                || c.cres().equals("Answered")).count();
        return live == 0 ? 0 : Math.round(10_000.0 * abandoned / live) / 100.0;
    }
}
