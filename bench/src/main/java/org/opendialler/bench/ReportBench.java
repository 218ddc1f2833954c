package org.opendialler.bench;

import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.max;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.sum;
import static org.jooq.impl.DSL.table;
import static org.jooq.impl.DSL.when;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Result;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.opendialler.reporting.Cdr;
import org.opendialler.reporting.CdrStore;

/**
 * The calls report grouped by qtable, qnm and local day with 20 metrics over HTTP, against
 * DuckDB (in memory, in this JVM) running the same aggregation over the same rows.
 */
final class ReportBench {

    static final String METRICS = "nc_all,nc_in,nc_out,nc_out_all,nc_man,nc_tpt,nc_ans,"
            + "nc_ans_in,nc_con,nc_que,nc_wait,nc_wrap,sec_dur,sec_talk,sec_tpt,sec_call,"
            + "sec_ans,oc_sale,oc_cmpli,cost_cust";
    private static final int BATCH = 5_000;
    private static final Table<?> CDR = table(name("cdr"));

    private final BenchServer server;

    ReportBench(BenchServer server) {
        this.server = server;
    }

    List<org.opendialler.bench.Result> run(int rows) {
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:")) {
            DSLContext duckDsl = DSL.using(duck, SQLDialect.DUCKDB);
            long insertNs = Timer.time(() -> load(duck, duckDsl, rows));

            long start = CdrRows.MONTH.getEpochSecond();
            AtomicLong stop = new AtomicLong(start + CdrRows.SPAN_MS / 1000 + 3_600);
            AtomicReference<JsonNode> ours = new AtomicReference<>();
            AtomicReference<Result<?>> theirs = new AtomicReference<>();
            // Each run asks a range one second shorter, so that no engine can hand back a
            // cached answer; the range still holds every row.
            long reportNs = Timer.best(3, () -> ours.set(report(start, stop.decrementAndGet())));
            long duckNs = Timer.best(3, () -> theirs.set(duck(duckDsl, start,
                    stop.decrementAndGet())));
            String agree = agreement(ours.get(), theirs.get());

            double ratio = (double) reportNs / duckNs;
            return List.of(new org.opendialler.bench.Result("report", server.dbName(),
                    "ms calls report (HTTP) vs DuckDB", Timer.millis(reportNs),
                    Timer.millis(duckNs), "ms", "<= 2x DuckDB", ratio <= 2.0,
                    rows + " CDRs, " + ours.get().get("total").asInt() + " groups, " + agree
                            + String.format(", CdrStore insert %.0f rows/s",
                                    rows / Timer.seconds(insertNs))));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void load(Connection duck, DSLContext duckDsl, int rows) {
        createDuckTable(duckDsl);
        DSLContext ours = server.server.database().dsl();
        CdrRows generator = new CdrRows(7, rows);
        try (DuckDBAppender appender = ((DuckDBConnection) duck).createAppender("main", "cdr")) {
            for (int from = 0; from < rows; from += BATCH) {
                List<Cdr> batch = new ArrayList<>();
                for (int i = from; i < Math.min(rows, from + BATCH); i++) {
                    CdrRows.Row row = generator.next();
                    append(appender, row);
                    batch.add(row.cdr(server.ccid));
                }
                ours.transaction(c -> CdrStore.insertAll(c.dsl(), batch));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void createDuckTable(DSLContext duck) {
        duck.createTable(CDR)
                .column(name("ccid"), SQLDataType.BIGINT).column(name("callid"), SQLDataType.BIGINT)
                .column(name("qid"), SQLDataType.BIGINT)
                .column(name("qtable"), SQLDataType.VARCHAR)
                .column(name("qnm"), SQLDataType.VARCHAR)
                .column(name("dtype"), SQLDataType.VARCHAR).column(name("aid"), SQLDataType.BIGINT)
                .column(name("t_init_ms"), SQLDataType.BIGINT)
                .column(name("t_answ_ms"), SQLDataType.BIGINT)
                .column(name("ms_dur"), SQLDataType.BIGINT)
                .column(name("ms_talk"), SQLDataType.BIGINT)
                .column(name("ms_tpt"), SQLDataType.BIGINT)
                .column(name("ms_wrap"), SQLDataType.BIGINT)
                .column(name("ms_wait"), SQLDataType.BIGINT)
                .column(name("ms_que"), SQLDataType.BIGINT)
                .column(name("ocid"), SQLDataType.BIGINT)
                .column(name("oc_complete"), SQLDataType.BOOLEAN)
                .column(name("oc_sale"), SQLDataType.BOOLEAN)
                .column(name("oc_answerphone"), SQLDataType.BOOLEAN)
                .column(name("cost_cust"), SQLDataType.DECIMAL(14, 4))
                .column(name("loc_day"), SQLDataType.BIGINT)
                .execute();
    }

    private void append(DuckDBAppender a, CdrRows.Row r) throws SQLException {
        a.beginRow().append(server.ccid).append(r.callid()).append(r.qid()).append(r.qtable())
                .append(r.qnm()).append(r.dtype()).append(r.aid()).append(r.tInit());
        if (r.tAnsw() == null) {
            a.appendNull();
        } else {
            a.append(r.tAnsw().longValue());
        }
        a.append(r.msDur()).append(r.msTalk()).append(r.msTpt()).append(r.msWrap())
                .append(r.msWait()).append(r.msQue()).append(r.ocid()).append(r.ocComplete())
                .append(r.ocSale()).append(false).append(r.costCust()).append(r.localDay())
                .endRow();
    }

    private JsonNode report(long start, long stop) {
        String body = server.http.get("/reporting.php?token=" + server.token
                + "&method=calls&format=json&groupby=qtable,qnm,P1D&fields=qtable,qnm,P1D,"
                + METRICS + "&range=" + start + ":" + stop);
        return BenchServer.json(body);
    }

    private Result<?> duck(DSLContext duck, long start, long stop) {
        Field<Long> ccid = f("ccid");
        Field<Long> aid = f("aid");
        Field<String> dtype = field(name("dtype"), String.class);
        Field<Long> answ = f("t_answ_ms");
        Field<Long> init = f("t_init_ms");
        Field<Long> ocid = f("ocid");
        Field<Boolean> ocSale = field(name("oc_sale"), Boolean.class);
        Condition agentAnswered = answ.isNotNull().and(aid.ne(0L));
        Condition amByAgent = field(name("oc_answerphone"), Boolean.class).isTrue()
                .and(ocid.ne(102L));
        Field<String> qtable = field(name("qtable"), String.class);
        Field<String> qnm = field(name("qnm"), String.class);
        Field<Long> day = f("loc_day");
        return duck.select(qtable, qnm, day, count(),
                        n(dtype.eq("in")), n(dtype.eq("out")), n(dtype.in("out", "man", "tpt")),
                        n(dtype.eq("man")), n(dtype.eq("tpt")), n(agentAnswered),
                        n(agentAnswered.and(dtype.eq("in"))), n(answ.isNotNull().andNot(amByAgent)),
                        n(f("ms_que").gt(0L).andNot(agentAnswered)), n(f("ms_wait").gt(0L)),
                        n(f("ms_wrap").gt(0L)), sec(f("ms_dur")), sec(f("ms_talk")),
                        sec(f("ms_tpt")),
                        sec(when(aid.ne(0L), f("ms_talk").plus(f("ms_wrap"))).else_(0L)),
                        sec(when(agentAnswered, answ.minus(init)).else_(0L)),
                        n(ocid.ne(0L).and(ocSale.isTrue())),
                        n(ocid.ne(0L).and(field(name("oc_complete"), Boolean.class).isTrue())),
                        sum(field(name("cost_cust"), BigDecimal.class)), max(f("callid")))
                .from(CDR)
                .where(ccid.eq(server.ccid), init.between(start * 1000, stop * 1000 + 999))
                .groupBy(qtable, qnm, day).orderBy(qtable, qnm, day).fetch();
    }

    private static Field<Long> f(String column) {
        return field(name(column), Long.class);
    }

    private static Field<BigDecimal> n(Condition c) {
        return sum(when(c, inline(1)).else_(inline(0)));
    }

    private static Field<BigDecimal> sec(Field<Long> ms) {
        return sum(ms).div(inline(1000));
    }

    /** Whether both answers have the same groups and the same grand totals. */
    private static String agreement(JsonNode ours, Result<?> theirs) {
        long nc = 0;
        double dur = 0;
        for (JsonNode item : ours.get("list")) {
            nc += item.get("nc_all").asLong();
            dur += item.get("sec_dur").asDouble();
        }
        long duckNc = theirs.stream().mapToLong(r -> r.get(3, Long.class)).sum();
        double duckDur = theirs.stream().mapToDouble(r -> r.get(15, Double.class)).sum();
        boolean same = ours.get("total").asInt() == theirs.size() && nc == duckNc
                && Math.abs(dur - duckDur) < 0.01 * Math.max(1, theirs.size());
        if (!same) {
            throw new IllegalStateException("the report and DuckDB disagree: groups "
                    + ours.get("total") + "/" + theirs.size() + ", nc_all " + nc + "/" + duckNc
                    + ", sec_dur " + dur + "/" + duckDur);
        }
        return "same totals as DuckDB";
    }
}
