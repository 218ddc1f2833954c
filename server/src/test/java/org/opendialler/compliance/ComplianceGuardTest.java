package org.opendialler.compliance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opendialler.testing.TestServer;

/** The guard judged directly, time given as its {@code now} argument, on a real database. */
class ComplianceGuardTest {

    private static TestServer server;
    private static ComplianceGuard guard;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        guard = new ComplianceGuard(server.server().database(), server.server().tenancy());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Candidate fresh(Centre c, String... phones) {
        return new Candidate(c.api.ccid, 1, "New Prospect", List.of(phones), "", 0, null, null);
    }

    private static Verdict judge(Centre c, Candidate candidate, String at) {
        return guard.judge(candidate, c.qid, false, Instant.parse(at));
    }

    @Test
    void numbersAreOfferedExactlyInTheirOwnWindowsAcrossDaylightSavingChanges() {
        Centre c = new Centre(server, "Sweep", "Europe/London", "GB", "");
        for (Expected.Place p : Expected.PLACES) {
            c.record("\"HomePhone\":\"" + p.number() + "\"");
        }
        List<String> mismatches = new ArrayList<>();

        for (String start : List.of("2024-03-09T12:00:00Z", "2024-03-30T12:00:00Z",
                "2024-04-05T12:00:00Z", "2024-11-02T12:00:00Z")) {
            for (int step = 0; step < 48 * 4; step++) {
                Instant at = Instant.parse(start).plus(Duration.ofMinutes(15L * step));
                Set<String> expected = new TreeSet<>();
                Set<String> actual = new TreeSet<>();
                for (Expected.Place p : Expected.PLACES) {
                    if (Expected.callable(p, at)) {
                        expected.add(p.city());
                    }
                    if (guard.judge(fresh(c, p.number()), c.qid, false, at).dialable()) {
                        actual.add(p.city());
                    }
                }
                if (!expected.equals(actual)) {
                    mismatches.add(at + " expected " + expected + " got " + actual);
                }
            }
        }

        assertEquals(List.of(), mismatches);
    }

    @Test
    void aRefusalForHoursSaysWhenTheWindowOpens() {
        Centre c = new Centre(server, "Opens", "Europe/London", "GB", "");

        Verdict la = judge(c, fresh(c, Expected.LOS_ANGELES.number()), "2024-06-10T14:00:00Z");

        assertEquals(Reason.HOURS, la.reason());
        assertEquals(Instant.parse("2024-06-10T15:00:00Z"), la.notBefore());
    }

    @Test
    void queueCallHoursNarrowTheWindowButNeverWidenIt() {
        Centre c = new Centre(server, "Narrow", "Europe/London", "GB",
                "\"call_hours\":\"10:00-23:00\"");
        Candidate london = fresh(c, Expected.LONDON.number());

        Verdict early = judge(c, london, "2024-06-10T08:30:00Z");
        Verdict open = judge(c, london, "2024-06-10T09:00:00Z");
        Verdict late = judge(c, london, "2024-06-10T20:30:00Z");

        assertEquals(Reason.HOURS, early.reason());
        assertEquals(Instant.parse("2024-06-10T09:00:00Z"), early.notBefore());
        assertTrue(open.dialable());
        assertEquals(Reason.HOURS, late.reason());
        assertEquals(Instant.parse("2024-06-11T09:00:00Z"), late.notBefore());
    }

    @Test
    void aTodPolicyNarrowsTheDays() {
        Centre c = new Centre(server, "Tod", "Europe/London", "GB", "");
        long policy = Centre.ok(c.api.write("database.php", "tod_policy", "create",
                "[{\"description\":\"Office\"}]")).get("key").asLong();
        Centre.ok(c.api.write("database.php", "tod_rules", "create", "[{\"policy\":" + policy
                + ",\"days\":\"mon-fri\",\"start\":\"09:00\",\"stop\":\"17:00\"}]"));
        c.writeQueue("\"tod\":" + policy);
        Candidate london = fresh(c, Expected.LONDON.number());

        Verdict saturday = judge(c, london, "2024-06-08T11:00:00Z");
        Verdict monday = judge(c, london, "2024-06-10T11:00:00Z");

        assertEquals(Reason.HOURS, saturday.reason());
        assertEquals(Instant.parse("2024-06-10T08:00:00Z"), saturday.notBefore());
        assertTrue(monday.dialable());
    }

    @Test
    void theFirstNumberInsideItsWindowAndNotOnDncIsDialled() {
        Centre c = new Centre(server, "Pick", "Europe/London", "GB", "");
        c.dnc(Expected.NEW_YORK.number(), 0);
        c.dnc(Expected.PHOENIX.number(), c.anotherQueue());

        Verdict laAsleep = judge(c, fresh(c, Expected.LOS_ANGELES.number(),
                Expected.LONDON.number()), "2024-06-10T14:00:00Z");
        Verdict nyListed = judge(c, fresh(c, Expected.NEW_YORK.number(),
                Expected.LONDON.number()), "2024-06-10T14:00:00Z");
        Verdict otherQueuesList = judge(c, fresh(c, Expected.PHOENIX.number()),
                "2024-06-10T20:00:00Z");

        assertEquals(Expected.LONDON.number(), laAsleep.number());
        assertEquals(Expected.LONDON.number(), nyListed.number());
        assertEquals(Expected.PHOENIX.number(), otherQueuesList.number());
    }

    @Test
    void aRecordWhoseEveryNumberIsListedIsRefusedDnc() {
        Centre c = new Centre(server, "Dnc", "Europe/London", "GB", "");
        c.dnc(Expected.LONDON.number(), 0);
        c.dnc("020 7946 0001", c.qid);

        Verdict v = judge(c, fresh(c, Expected.LONDON.number(), "+442079460001"),
                "2024-06-10T12:00:00Z");

        assertEquals(Reason.DNC, v.reason());
    }

    @Test
    void aNumberWhoseZonesDisagreeIsCalledOnlyWhenAllAllowUnlessThePostcodePlacesIt() {
        Centre c = new Centre(server, "Mobile", "Australia/Sydney", "AU", "");
        String mobile = "+61412345678";
        // Monday 09:30 in Sydney is 06:00 on the Cocos Islands, the earliest of the mobile's
        // zones (UTC+6:30); Lord Howe (UTC+10:30) closes first, at 09:30 UTC.
        String at = "2024-06-09T23:30:00Z";
        Candidate nowhere = fresh(c, mobile);
        Candidate sydney = new Candidate(c.api.ccid, 1, "New Prospect", List.of(mobile), "2000",
                0, null, null);
        Candidate perth = new Candidate(c.api.ccid, 1, "New Prospect", List.of(mobile), "",
                0, null, null, "Australia/Perth");

        Verdict ambiguous = judge(c, nowhere, at);
        Verdict placed = judge(c, sydney, at);
        Verdict named = judge(c, perth, at);
        Verdict allOpen = judge(c, nowhere, "2024-06-10T02:30:00Z");
        Verdict lordHoweClosed = judge(c, nowhere, "2024-06-10T09:30:00Z");

        assertEquals(Reason.HOURS, ambiguous.reason());
        assertEquals(Instant.parse("2024-06-10T02:30:00Z"), ambiguous.notBefore());
        assertTrue(placed.dialable());
        assertEquals(Reason.HOURS, named.reason());
        assertEquals(Instant.parse("2024-06-10T01:00:00Z"), named.notBefore());
        assertTrue(allOpen.dialable());
        assertEquals(Reason.HOURS, lordHoweClosed.reason());
    }

    @Test
    void aNumberWithNoKnownZoneIsCalledInTheZonesOfItsCountry() {
        Centre c = new Centre(server, "Drama", "America/New_York", "US", "");
        Candidate drama = fresh(c, "+447700900123");

        Verdict noon = judge(c, drama, "2024-06-10T11:00:00Z");
        Verdict late = judge(c, drama, "2024-06-10T20:30:00Z");

        assertTrue(noon.dialable());
        assertEquals(Reason.HOURS, late.reason());
    }

    @Test
    void canadaKeepsItsOwnHoursAndAustraliaNoSunday() {
        Centre c = new Centre(server, "Rules", "Europe/London", "GB", "");

        Verdict toronto = judge(c, fresh(c, "+16135550100"), "2024-06-08T13:30:00Z");
        Verdict sydney = judge(c, fresh(c, Expected.SYDNEY.number()), "2024-06-09T02:00:00Z");

        assertEquals(Reason.HOURS, toronto.reason());
        assertEquals(Instant.parse("2024-06-08T14:00:00Z"), toronto.notBefore());
        assertEquals(Reason.HOURS, sydney.reason());
        assertEquals(Instant.parse("2024-06-09T23:00:00Z"), sydney.notBefore());
    }

    @Test
    void countryRulesAreDataInTheTable() {
        Centre c = new Centre(server, "Data", "Europe/London", "GB", "");
        Candidate london = fresh(c, Expected.LONDON.number());
        Verdict before = judge(c, london, "2024-06-10T08:30:00Z");

        setGbWeekdayStart("10:00");
        Verdict after;
        try {
            after = judge(c, london, "2024-06-10T08:30:00Z");
        } finally {
            setGbWeekdayStart("08:00");
        }

        assertTrue(before.dialable());
        assertEquals(Reason.HOURS, after.reason());
    }

    private static void setGbWeekdayStart(String start) {
        server.server().database().dsl().update(table(name("country_rules")))
                .set(field(name("weekday_start"), String.class), start)
                .where(field(name("country"), String.class).eq("GB")).execute();
    }

    @Test
    void attemptsAndGapsBetweenThem() {
        Centre c = new Centre(server, "Attempts", "Europe/London", "GB",
                "\"max_attempts\":3,\"retry_minutes\":90");
        String london = Expected.LONDON.number();
        Instant last = Instant.parse("2024-06-10T10:00:00Z");
        Instant now = Instant.parse("2024-06-10T11:00:00Z");

        Verdict spent = guard.judge(candidate(c, london, 3, last, null), c.qid, false, now);
        Verdict tooSoon = guard.judge(candidate(c, london, 1, last, null), c.qid, false, now);
        Verdict gapOver = guard.judge(candidate(c, london, 1, last, null), c.qid, false,
                last.plus(Duration.ofMinutes(90)));
        Verdict callbackSooner = guard.judge(candidate(c, london, 1, last,
                Instant.parse("2024-06-10T10:30:00Z")), c.qid, false, now);
        Verdict callbackLater = guard.judge(candidate(c, london, 1, last,
                Instant.parse("2024-06-10T15:00:00Z")), c.qid, false, now);
        // The 09:30 callback was rung at 10:00 and nobody answered: the gap runs from then.
        Verdict callbackTried = guard.judge(candidate(c, london, 1, last,
                Instant.parse("2024-06-10T09:30:00Z")), c.qid, false, now);

        assertEquals(Reason.MAX_ATTEMPTS, spent.reason());
        assertEquals(Reason.RETRY_INTERVAL, tooSoon.reason());
        assertEquals(last.plus(Duration.ofMinutes(90)), tooSoon.notBefore());
        assertTrue(gapOver.dialable());
        assertTrue(callbackSooner.dialable());
        assertEquals(Reason.CALLBACK_NOT_DUE, callbackLater.reason());
        assertEquals(Instant.parse("2024-06-10T15:00:00Z"), callbackLater.notBefore());
        assertEquals(Reason.RETRY_INTERVAL, callbackTried.reason());
        assertEquals(Instant.parse("2024-06-10T11:30:00Z"), callbackTried.notBefore());
    }

    private static Candidate candidate(Centre c, String phone, int attempts, Instant last,
            Instant callback) {
        return new Candidate(c.api.ccid, 1, "NEEDSMOREWORK", List.of(phone), "", attempts, last,
                callback);
    }

    @Test
    void noAutomaticRedialAfterAnAbandonOrAMachineUnlessTheQueuePreviews() {
        Centre c = new Centre(server, "Repeat", "Europe/London", "GB", "");
        String abandoned = "+442079460010";
        String machine = "+442079460011";
        String agentsMachine = "+442079460012";
        Instant at = Instant.parse("2024-06-10T14:00:00Z");
        c.call(abandoned, "Abandoned", at);
        c.call(machine, "Answer Machine", at);
        c.call(agentsMachine, "Answer Machine (Agent)", at);
        Instant now = at.plus(Duration.ofHours(20));

        Verdict afterAbandon = guard.judge(fresh(c, abandoned), c.qid, false, now);
        Verdict afterMachine = guard.judge(fresh(c, machine), c.qid, false, now);
        // The queue is progressive (the default): an agent is guaranteed, yet the dialler
        // places the call, so the rules hold.
        Verdict progressiveAbandon = guard.judge(fresh(c, abandoned), c.qid, true, now);
        Verdict progressiveMachine = guard.judge(fresh(c, machine), c.qid, true, now);
        Verdict agentSaidMachine = guard.judge(fresh(c, agentsMachine), c.qid, false, now);
        Verdict otherNumber = guard.judge(fresh(c, abandoned, Expected.LONDON.number()), c.qid,
                false, now);
        Verdict machineExpired = guard.judge(fresh(c, machine), c.qid, false,
                at.plus(Duration.ofHours(24)));
        c.writeQueue("\"dial_mode\":\"preview\"");
        Verdict previewAbandon = guard.judge(fresh(c, abandoned), c.qid, true, now);
        Verdict previewMachine = guard.judge(fresh(c, machine), c.qid, true, now);

        assertEquals(Reason.ABANDON_REPEAT, afterAbandon.reason());
        assertEquals(at.plus(Duration.ofHours(72)), afterAbandon.notBefore());
        assertEquals(Reason.AMD_REPEAT, afterMachine.reason());
        assertEquals(at.plus(Duration.ofHours(24)), afterMachine.notBefore());
        assertEquals(Reason.ABANDON_REPEAT, progressiveAbandon.reason());
        assertEquals(Reason.AMD_REPEAT, progressiveMachine.reason());
        assertEquals(abandoned, previewAbandon.number());
        assertEquals(machine, previewMachine.number());
        assertTrue(agentSaidMachine.dialable());
        assertEquals(Expected.LONDON.number(), otherNumber.number());
        assertTrue(machineExpired.dialable());
    }

    @Test
    void aPredictiveQueueAtItsAbandonCapIsRefused() {
        Centre c = new Centre(server, "Cap", "Europe/London", "GB",
                "\"dial_mode\":\"predictive\",\"abandon_target\":5");
        Instant now = Instant.parse("2024-06-10T12:00:00Z");
        for (int i = 0; i < 100; i++) {
            c.call("+44207946" + (1000 + i), "Answered", now.minusSeconds(3600 + i));
        }
        for (int i = 0; i < 4; i++) {
            c.call("+44207946" + (2000 + i), "Abandoned", now.minusSeconds(3700 + i));
        }
        Candidate london = fresh(c, Expected.LONDON.number());

        // 4 abandoned of 104 live answers is 3.8%: over GB's 3% though the queue allows 5%.
        Verdict predictive = guard.judge(london, c.qid, false, now);
        Verdict guaranteed = guard.judge(london, c.qid, true, now);
        Verdict monthLater = guard.judge(london, c.qid, false, now.plus(Duration.ofDays(31)));
        ComplianceGuard fed = new ComplianceGuard(server.server().database(),
                server.server().tenancy(), (ccid, qid, t) -> 2.9);
        Verdict meterUnder = fed.judge(london, c.qid, false, now);

        assertEquals(Reason.ABANDON_CAP, predictive.reason());
        assertTrue(guaranteed.dialable());
        assertTrue(monthLater.dialable());
        assertTrue(meterUnder.dialable());
    }

    @Test
    void canadasFivePercentCapIsData() {
        Centre c = new Centre(server, "CapCa", "America/Toronto", "CA",
                "\"dial_mode\":\"predictive\",\"abandon_target\":5");
        ComplianceGuard fed = new ComplianceGuard(server.server().database(),
                server.server().tenancy(), (ccid, qid, t) -> 4.5);
        Candidate toronto = fresh(c, "+16135550100");

        Verdict v = fed.judge(toronto, c.qid, false, Instant.parse("2024-06-10T16:00:00Z"));

        assertTrue(v.dialable());
    }

    @Test
    void closedRecordsAndQueuesThatCannotDial() {
        Centre c = new Centre(server, "Status", "Europe/London", "GB", "");
        String london = Expected.LONDON.number();
        String at = "2024-06-10T12:00:00Z";

        Verdict hold = judge(c, withType(c, "HOLD: New Prospect", london), at);
        Verdict expired = judge(c, withType(c, "EXPIRED", london), at);
        Verdict complete = judge(c, withType(c, "COMPLETE", london), at);
        Verdict noQueue = guard.judge(fresh(c, london), 0, false, Instant.parse(at));
        c.rawCallerId("not a number");
        Verdict callerId = judge(c, fresh(c, london), at);

        assertEquals(Reason.HOLD, hold.reason());
        assertEquals(Reason.EXPIRED, expired.reason());
        assertEquals(Reason.COMPLETE, complete.reason());
        assertEquals(Reason.HOLD, noQueue.reason());
        assertEquals(Reason.CALLER_ID, callerId.reason());
    }

    private static Candidate withType(Centre c, String processType, String phone) {
        return new Candidate(c.api.ccid, 1, processType, List.of(phone), "", 0, null, null);
    }
}
