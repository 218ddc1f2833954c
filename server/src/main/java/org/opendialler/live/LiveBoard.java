package org.opendialler.live;

import java.time.Instant;
import java.util.List;

/**
 * What is happening now in a contact centre, as the running dialler knows it: logged-in agents
 * and calls in progress. Thread-safe; answers are snapshots.
 */
public interface LiveBoard {

    /** A logged-in agent: {@code state} is wait, call, wrap, pause or preview. */
    record AgentNow(long aid, String name, long tid, String state, Instant since, Long qid,
            Long callid, String ddi, Long urn) {
    }

    /**
     * A call in progress: {@code ctype} in/out, {@code dtype} out/man/in, {@code state}
     * ringing, queued (answered, waiting for an agent) or talking.
     */
    record CallNow(long callid, long qid, String ctype, String dtype, String ddi, String cli,
            Long aid, String state, Instant since) {
    }

    /** A queue's abandon meters, percent: over the last 24 hours and the last 30 days. */
    record Meters(long qid, double rate24h, double rate30d, double target) {
    }

    /**
     * The board's own time, which its {@code since} instants are on: a dialler running a
     * simulated day on a virtual clock answers that clock, anything else the server's.
     */
    default Instant now(java.time.Clock serverClock) {
        return serverClock.instant();
    }

    List<AgentNow> agents(long ccid);

    List<CallNow> calls(long ccid);

    List<Meters> meters(long ccid);

    /** The board of a server whose dialler is not running: nobody and nothing. */
    LiveBoard EMPTY = new LiveBoard() {
        @Override
        public List<AgentNow> agents(long ccid) {
            return List.of();
        }

        @Override
        public List<CallNow> calls(long ccid) {
            return List.of();
        }

        @Override
        public List<Meters> meters(long ccid) {
            return List.of();
        }
    };
}
