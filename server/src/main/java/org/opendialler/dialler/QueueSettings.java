package org.opendialler.dialler;

import java.time.Duration;
import java.util.Objects;

/**
 * What the dialler needs of an outbound queue ({@code database.php?method=queues}).
 *
 * @param qid the queue id
 * @param table the queue's campaign table
 * @param dialMode preview, progressive or predictive
 * @param maxRatio the most lines per waiting agent ({@code max_ratio}), at least 1
 * @param abandonTarget the abandon rate to stay under, percent ({@code abandon_target})
 * @param ringTime how long a call rings before it is a no-answer; at least 15 s
 * @param wrapTime the time an agent has after a call ({@code wrap_time})
 * @param callerId the number presented ({@code callerid}); a queue without one never dials
 * @param detectMachine whether answer machine detection is on ({@code amd})
 * @param amdFalsePositiveEstimate the share of detected machines taken to be persons, counted
 *     as abandons (default 0.05)
 * @param infoMessage the audio file played on an abandoned call, or null
 * @param record whether calls are recorded
 * @param recordThirdParty whether third parties' legs are recorded ({@code tpt_record})
 */
public record QueueSettings(long qid, String table, DialMode dialMode, double maxRatio,
        double abandonTarget, Duration ringTime, Duration wrapTime, String callerId,
        boolean detectMachine, double amdFalsePositiveEstimate, String infoMessage,
        boolean record, boolean recordThirdParty) {

    public static final Duration MIN_RING_TIME = Duration.ofSeconds(15);
    public static final double DEFAULT_ABANDON_TARGET = 3.0;
    public static final double DEFAULT_AMD_FALSE_POSITIVE = 0.05;

    public QueueSettings {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(dialMode, "dialMode");
        if (maxRatio < 1) {
            throw new IllegalArgumentException("max_ratio must be at least 1: " + maxRatio);
        }
        if (ringTime.compareTo(MIN_RING_TIME) < 0) {
            throw new IllegalArgumentException("ring_time must be at least 15 s: " + ringTime);
        }
        if (abandonTarget <= 0 || abandonTarget > 100) {
            throw new IllegalArgumentException("abandon_target must be within (0, 100]");
        }
        if (amdFalsePositiveEstimate < 0 || amdFalsePositiveEstimate > 1) {
            throw new IllegalArgumentException("AMD false-positive estimate must be in 0..1");
        }
    }

    /** A queue with the defaults of compliance.md: 3%, 15 s ring, 5% AMD estimate. */
    public static QueueSettings defaults(long qid, String table, DialMode mode, String callerId) {
        return new QueueSettings(qid, table, mode, 3, DEFAULT_ABANDON_TARGET, MIN_RING_TIME,
                Duration.ofSeconds(30), callerId, true, DEFAULT_AMD_FALSE_POSITIVE, null, false,
                false);
    }

    public QueueSettings withMaxRatio(double value) {
        return new QueueSettings(qid, table, dialMode, value, abandonTarget, ringTime, wrapTime,
                callerId, detectMachine, amdFalsePositiveEstimate, infoMessage, record,
                recordThirdParty);
    }

    public QueueSettings withWrapTime(Duration value) {
        return new QueueSettings(qid, table, dialMode, maxRatio, abandonTarget, ringTime, value,
                callerId, detectMachine, amdFalsePositiveEstimate, infoMessage, record,
                recordThirdParty);
    }

    public QueueSettings withInfoMessage(String value) {
        return new QueueSettings(qid, table, dialMode, maxRatio, abandonTarget, ringTime,
                wrapTime, callerId, detectMachine, amdFalsePositiveEstimate, value, record,
                recordThirdParty);
    }

    public QueueSettings withRecord(boolean value) {
        return new QueueSettings(qid, table, dialMode, maxRatio, abandonTarget, ringTime,
                wrapTime, callerId, detectMachine, amdFalsePositiveEstimate, infoMessage, value,
                recordThirdParty);
    }

    public QueueSettings withRecordThirdParty(boolean value) {
        return new QueueSettings(qid, table, dialMode, maxRatio, abandonTarget, ringTime,
                wrapTime, callerId, detectMachine, amdFalsePositiveEstimate, infoMessage, record,
                value);
    }

    public QueueSettings withDetectMachine(boolean value) {
        return new QueueSettings(qid, table, dialMode, maxRatio, abandonTarget, ringTime,
                wrapTime, callerId, value, amdFalsePositiveEstimate, infoMessage, record,
                recordThirdParty);
    }
}
