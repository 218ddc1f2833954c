package org.opendialler.reporting;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;

/**
 * One call detail record: one leg of a call, with every name and flag copied in when the call
 * ended so that reports need no joins. Build one with {@link #builder()}; strings are never
 * null (empty when unknown), ids are 0 when there is none, and {@code tmAnsw}, {@code tmDisc},
 * {@code tmCustomer} and {@code lastUpdate} are null when unset.
 *
 * <p>{@code dtype} is one of {@code in}, {@code out} (dialler), {@code man} (manual),
 * {@code tpt} (third party), {@code sms_out}; {@code ctype} is {@code in} or {@code out}. The
 * outcome flags are those of outcome {@code ocid} when the call ended; {@code terminate} says
 * who hung up ({@code customer}, {@code agent}, {@code system}) and {@code tmCustomer} when the
 * customer was put through to an agent.
 */
public record Cdr(
        long ccid,
        long callid,
        long qid,
        String qtable,
        String qtype,
        String qnm,
        String origQnm,
        long cid,
        String cnm,
        long aid,
        String anm,
        long tid,
        String tnm,
        long dsid,
        String dsnm,
        long urn,
        String ddi,
        String cli,
        String dest,
        String dcode,
        String ctype,
        String dtype,
        String cres,
        long ocid,
        String ocnm,
        boolean ocComplete,
        boolean ocSale,
        boolean ocDmc,
        boolean ocAnswerphone,
        String flags,
        String carrier,
        long ctag,
        String tag,
        String smsMsg,
        Instant tmInit,
        Instant tmAnsw,
        Instant tmDisc,
        Instant tmCustomer,
        Instant lastUpdate,
        Duration ring,
        Duration queue,
        Duration duration,
        Duration talk,
        Duration tpt,
        Duration wrap,
        Duration waitTime,
        BigDecimal costCust,
        BigDecimal billCust,
        long billDur,
        boolean isMob,
        String ivrKey,
        Duration key,
        String terminate) {

    public static Builder builder() {
        return new Builder();
    }

    /** A copy of this record to change in a builder. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.ccid = ccid;
        b.callid = callid;
        b.qid = qid;
        b.qtable = qtable;
        b.qtype = qtype;
        b.qnm = qnm;
        b.origQnm = origQnm;
        b.cid = cid;
        b.cnm = cnm;
        b.aid = aid;
        b.anm = anm;
        b.tid = tid;
        b.tnm = tnm;
        b.dsid = dsid;
        b.dsnm = dsnm;
        b.urn = urn;
        b.ddi = ddi;
        b.cli = cli;
        b.dest = dest;
        b.dcode = dcode;
        b.ctype = ctype;
        b.dtype = dtype;
        b.cres = cres;
        b.ocid = ocid;
        b.ocnm = ocnm;
        b.ocComplete = ocComplete;
        b.ocSale = ocSale;
        b.ocDmc = ocDmc;
        b.ocAnswerphone = ocAnswerphone;
        b.flags = flags;
        b.carrier = carrier;
        b.ctag = ctag;
        b.tag = tag;
        b.smsMsg = smsMsg;
        b.tmInit = tmInit;
        b.tmAnsw = tmAnsw;
        b.tmDisc = tmDisc;
        b.tmCustomer = tmCustomer;
        b.lastUpdate = lastUpdate;
        b.ring = ring;
        b.queue = queue;
        b.duration = duration;
        b.talk = talk;
        b.tpt = tpt;
        b.wrap = wrap;
        b.waitTime = waitTime;
        b.costCust = costCust;
        b.billCust = billCust;
        b.billDur = billDur;
        b.isMob = isMob;
        b.ivrKey = ivrKey;
        b.key = key;
        b.terminate = terminate;
        return b;
    }

    /** Builds a {@link Cdr}; unset values take the defaults of the class comment. */
    public static final class Builder {
        private long ccid = 0;
        private long callid = 0;
        private long qid = 0;
        private String qtable = "";
        private String qtype = "";
        private String qnm = "";
        private String origQnm = "";
        private long cid = 0;
        private String cnm = "";
        private long aid = 0;
        private String anm = "";
        private long tid = 0;
        private String tnm = "";
        private long dsid = 0;
        private String dsnm = "";
        private long urn = 0;
        private String ddi = "";
        private String cli = "";
        private String dest = "";
        private String dcode = "";
        private String ctype = "";
        private String dtype = "";
        private String cres = "";
        private long ocid = 0;
        private String ocnm = "";
        private boolean ocComplete = false;
        private boolean ocSale = false;
        private boolean ocDmc = false;
        private boolean ocAnswerphone = false;
        private String flags = "";
        private String carrier = "";
        private long ctag = 0;
        private String tag = "";
        private String smsMsg = "";
        private Instant tmInit = null;
        private Instant tmAnsw = null;
        private Instant tmDisc = null;
        private Instant tmCustomer = null;
        private Instant lastUpdate = null;
        private Duration ring = Duration.ZERO;
        private Duration queue = Duration.ZERO;
        private Duration duration = Duration.ZERO;
        private Duration talk = Duration.ZERO;
        private Duration tpt = Duration.ZERO;
        private Duration wrap = Duration.ZERO;
        private Duration waitTime = Duration.ZERO;
        private BigDecimal costCust = BigDecimal.ZERO;
        private BigDecimal billCust = BigDecimal.ZERO;
        private long billDur = 0;
        private boolean isMob = false;
        private String ivrKey = "";
        private Duration key = Duration.ZERO;
        private String terminate = "";

        private Builder() {
        }

        public Builder ccid(long value) {
            this.ccid = value;
            return this;
        }

        public Builder callid(long value) {
            this.callid = value;
            return this;
        }

        public Builder qid(long value) {
            this.qid = value;
            return this;
        }

        public Builder qtable(String value) {
            this.qtable = value;
            return this;
        }

        public Builder qtype(String value) {
            this.qtype = value;
            return this;
        }

        public Builder qnm(String value) {
            this.qnm = value;
            return this;
        }

        public Builder origQnm(String value) {
            this.origQnm = value;
            return this;
        }

        public Builder cid(long value) {
            this.cid = value;
            return this;
        }

        public Builder cnm(String value) {
            this.cnm = value;
            return this;
        }

        public Builder aid(long value) {
            this.aid = value;
            return this;
        }

        public Builder anm(String value) {
            this.anm = value;
            return this;
        }

        public Builder tid(long value) {
            this.tid = value;
            return this;
        }

        public Builder tnm(String value) {
            this.tnm = value;
            return this;
        }

        public Builder dsid(long value) {
            this.dsid = value;
            return this;
        }

        public Builder dsnm(String value) {
            this.dsnm = value;
            return this;
        }

        public Builder urn(long value) {
            this.urn = value;
            return this;
        }

        public Builder ddi(String value) {
            this.ddi = value;
            return this;
        }

        public Builder cli(String value) {
            this.cli = value;
            return this;
        }

        public Builder dest(String value) {
            this.dest = value;
            return this;
        }

        public Builder dcode(String value) {
            this.dcode = value;
            return this;
        }

        public Builder ctype(String value) {
            this.ctype = value;
            return this;
        }

        public Builder dtype(String value) {
            this.dtype = value;
            return this;
        }

        public Builder cres(String value) {
            this.cres = value;
            return this;
        }

        public Builder ocid(long value) {
            this.ocid = value;
            return this;
        }

        public Builder ocnm(String value) {
            this.ocnm = value;
            return this;
        }

        public Builder ocComplete(boolean value) {
            this.ocComplete = value;
            return this;
        }

        public Builder ocSale(boolean value) {
            this.ocSale = value;
            return this;
        }

        public Builder ocDmc(boolean value) {
            this.ocDmc = value;
            return this;
        }

        public Builder ocAnswerphone(boolean value) {
            this.ocAnswerphone = value;
            return this;
        }

        public Builder flags(String value) {
            this.flags = value;
            return this;
        }

        public Builder carrier(String value) {
            this.carrier = value;
            return this;
        }

        public Builder ctag(long value) {
            this.ctag = value;
            return this;
        }

        public Builder tag(String value) {
            this.tag = value;
            return this;
        }

        public Builder smsMsg(String value) {
            this.smsMsg = value;
            return this;
        }

        public Builder tmInit(Instant value) {
            this.tmInit = value;
            return this;
        }

        public Builder tmAnsw(Instant value) {
            this.tmAnsw = value;
            return this;
        }

        public Builder tmDisc(Instant value) {
            this.tmDisc = value;
            return this;
        }

        public Builder tmCustomer(Instant value) {
            this.tmCustomer = value;
            return this;
        }

        public Builder lastUpdate(Instant value) {
            this.lastUpdate = value;
            return this;
        }

        public Builder ring(Duration value) {
            this.ring = value;
            return this;
        }

        public Builder queue(Duration value) {
            this.queue = value;
            return this;
        }

        public Builder duration(Duration value) {
            this.duration = value;
            return this;
        }

        public Builder talk(Duration value) {
            this.talk = value;
            return this;
        }

        public Builder tpt(Duration value) {
            this.tpt = value;
            return this;
        }

        public Builder wrap(Duration value) {
            this.wrap = value;
            return this;
        }

        public Builder waitTime(Duration value) {
            this.waitTime = value;
            return this;
        }

        public Builder costCust(BigDecimal value) {
            this.costCust = value;
            return this;
        }

        public Builder billCust(BigDecimal value) {
            this.billCust = value;
            return this;
        }

        public Builder billDur(long value) {
            this.billDur = value;
            return this;
        }

        public Builder isMob(boolean value) {
            this.isMob = value;
            return this;
        }

        public Builder ivrKey(String value) {
            this.ivrKey = value;
            return this;
        }

        public Builder key(Duration value) {
            this.key = value;
            return this;
        }

        public Builder terminate(String value) {
            this.terminate = value;
            return this;
        }

        public Cdr build() {
            return new Cdr(ccid, callid, qid, qtable, qtype, qnm, origQnm, cid, cnm, aid, anm, tid,
                    tnm, dsid, dsnm, urn, ddi, cli, dest, dcode, ctype, dtype, cres, ocid, ocnm,
                    ocComplete, ocSale, ocDmc, ocAnswerphone, flags, carrier, ctag, tag, smsMsg,
                    tmInit, tmAnsw, tmDisc, tmCustomer, lastUpdate, ring, queue, duration, talk,
                    tpt, wrap, waitTime, costCust, billCust, billDur, isMob, ivrKey, key,
                    terminate);
        }
    }
}
