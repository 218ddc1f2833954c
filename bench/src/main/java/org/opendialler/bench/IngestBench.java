package org.opendialler.bench;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.sequence;
import static org.jooq.impl.DSL.table;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Sequence;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * ecnow_records create over HTTP, 1,000 rows a request, with validation and phone
 * normalisation, against the same rows written by a plain JDBC batch into the same table.
 * Both ways are first run on rows of another centre of the same server (the warm-up, left in
 * place: deleting them in one statement took PostgreSQL minutes, see docs/benchmarks.md, and
 * the other benchmarks look at the bench centre only), so that neither is timed while the JIT
 * compiles it: the HTTP path has far more code
 * to compile (on two loaded cores its compiler threads took more CPU than its requests over
 * the first 100,000 rows), and timed cold it paid for that alone. The warm-up has as many rows
 * as the timed runs, at most {@link #MOST_WARM_UP}; in the smoke setting, which checks that the
 * benchmark runs, a fifth. {@code -Dopendialler.bench.ingestWarmup=N} sets it (0: none).
 * The timed runs then take turns, {@link #TURN} rows each, and each way's time is the sum of
 * its turns: the machine's load changes from minute to minute, and one way timed after the
 * other met a different load.
 */
final class IngestBench {

    static final String TABLE = "bench";
    private static final int PER_REQUEST = 1_000;
    static final int MOST_WARM_UP = 100_000;
    static final int TURN = 10_000;
    private static final Table<?> RECORDS = table(name("records"));
    private static final Field<Long> CCID = field(name("ccid"), Long.class);
    /**
     * The baseline takes its ids from the records' sequence, 1,000 at a time as the server
     * does: ids of a range of their own would put the HTTP rows, taking turns with it, in the
     * middle of the primary key while the baseline's went on its end.
     */
    private static final Sequence<Long> RECORD_IDS = sequence(name("record_ids"), Long.class);

    private final BenchServer server;
    long datasetId;
    long tableId;

    IngestBench(BenchServer server) {
        this.server = server;
    }

    List<Result> run(int rows) {
        int warmUp = Integer.getInteger("opendialler.bench.ingestWarmup",
                rows < 10_000 ? rows / 5 : Math.min(rows, MOST_WARM_UP));
        if (warmUp > 0) {
            warmUp(warmUp);
        }
        long[] nanos = inTurns(rows);

        double httpRate = rows / Timer.seconds(nanos[0]);
        double jdbcRate = rows / Timer.seconds(nanos[1]);
        String db = server.dbName();
        double ratio = httpRate / jdbcRate;
        boolean rateMet = !server.db().isPostgres() || httpRate >= 25_000;
        return List.of(new Result("ingest", db, "rows/s HTTP create vs JDBC batch", httpRate,
                jdbcRate, "rows/s", ">= 0.5x" + (server.db().isPostgres() ? ", >= 25000/s" : ""),
                ratio >= 0.5 && rateMet, rows + " rows, warm-up " + warmUp));
    }

    private void warmUp(int rows) {
        BenchServer.Tenant other = server.addCentre("Bench warm-up", "bench-warm-up");
        long warm = newDataset(other, "LIVE");
        viaHttp(other, warm, 0, rows);
        viaJdbc(firstRecord(other, warm), 0, rows);
    }

    /** The timed runs in the bench centre: the nanoseconds of HTTP, then of JDBC. */
    private long[] inTurns(int rows) {
        BenchServer.Tenant bench = new BenchServer.Tenant(server.ccid, server.token);
        datasetId = newDataset(bench, "LIVE");
        long[] nanos = new long[2];
        Record1Values first = null;
        for (int from = 0; from < rows; from += TURN) {
            int start = from;
            int turn = Math.min(TURN, rows - from);
            nanos[0] += Timer.time(() -> viaHttp(bench, datasetId, start, turn));

            first = first != null ? first : firstRecord(bench, datasetId);
            Record1Values like = first;
            nanos[1] += Timer.time(() -> viaJdbc(like, start, turn));
        }
        return nanos;
    }

    private long newDataset(BenchServer.Tenant tenant, String status) {
        server.http.post(query(tenant, "campaign_tables"), "[{\"name\":\"" + TABLE + "\"}]");
        String dataset = "[{\"table\":\"" + TABLE + "\",\"d_status\":\"" + status + "\"}]";
        return BenchServer.json(server.http.post(query(tenant, "ecnow_datasets"), dataset))
                .get("key").asLong();
    }

    private static String query(BenchServer.Tenant tenant, String method) {
        return "/ecnow.php?token=" + tenant.token() + "&format=json&method=" + method
                + "&action=create&raw=1";
    }

    /** Rows {@code first} to {@code first + rows - 1}, 1,000 a request. */
    private void viaHttp(BenchServer.Tenant tenant, long dataset, int first, int rows) {
        int end = first + rows;
        for (int from = first; from < end; from += PER_REQUEST) {
            StringBuilder body = new StringBuilder("[");
            for (int i = from; i < Math.min(end, from + PER_REQUEST); i++) {
                body.append(i == from ? "" : ",").append("{\"dataset\":").append(dataset)
                        .append(",\"firstname\":\"Ann").append(i).append("\",\"lastname\":")
                        .append("\"Smith\",\"postcode\":\"LS1 4AP\",\"urn\":\"U").append(i)
                        .append("\",\"ddi_home\":\"").append(phone(i)).append("\"}");
            }
            String answer = server.http.post(query(tenant, "ecnow_records"),
                    body.append(']').toString());
            int written = BenchServer.json(answer).get("total").asInt();
            if (written != Math.min(PER_REQUEST, end - from)) {
                throw new IllegalStateException("rows refused: " + answer);
            }
        }
    }

    /** A UK number in the range kept for drama, written the way people type it. */
    static String phone(int i) {
        return String.format("0113 496 %04d", i % 1000);
    }

    /** The same rows as {@link #viaHttp}, with the values the HTTP path wrote for its first. */
    private void viaJdbc(Record1Values like, int first, int rows) {
        String sql = "INSERT INTO records (id, ccid, table_id, datasetid, firstname, lastname,"
                + " postcode, urn, homephone, homephone_e164, processtype, loaddate)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        try (Connection c = server.server.database().dataSource().getConnection();
                PreparedStatement insert = c.prepareStatement(sql)) {
            c.setAutoCommit(false);
            DSLContext ids = DSL.using(c, server.server.database().dsl().dialect());
            for (int from = first; from < first + rows; from += PER_REQUEST) {
                int n = Math.min(PER_REQUEST, first + rows - from);
                List<Long> id = ids.nextvals(RECORD_IDS, n);
                for (int k = 0; k < n; k++) {
                    bind(insert, like, id.get(k), from + k);
                    insert.addBatch();
                }
                insert.executeBatch();
                c.commit();
            }
            c.setAutoCommit(true);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void bind(PreparedStatement insert, Record1Values first, long id, int i)
            throws SQLException {
        insert.setLong(1, id);
        insert.setLong(2, first.ccid);
        insert.setLong(3, first.tableId);
        insert.setLong(4, first.datasetId);
        insert.setString(5, "Ann" + i);
        insert.setString(6, "Smith");
        insert.setString(7, "LS1 4AP");
        insert.setString(8, "U" + i);
        insert.setString(9, phone(i));
        insert.setString(10, String.format("+441134960%03d", i % 1000));
        insert.setString(11, first.processType);
        insert.setLong(12, first.loadDate);
    }

    /** What the HTTP path wrote for the first row, so the baseline writes the same values. */
    private record Record1Values(long ccid, long tableId, long datasetId, String processType,
            long loadDate) {
    }

    private Record1Values firstRecord(BenchServer.Tenant tenant, long dataset) {
        DSLContext dsl = server.server.database().dsl();
        Field<Long> datasetid = field(name("datasetid"), Long.class);
        var r = dsl.select(CCID, field(name("table_id"), Long.class), datasetid,
                field(name("processtype"), String.class), field(name("loaddate"), Long.class))
                .from(RECORDS).where(CCID.eq(tenant.ccid()), datasetid.eq(dataset))
                .orderBy(DSL.field(name("id"))).limit(1).fetchOne();
        tableId = r.value2();
        return new Record1Values(r.value1(), r.value2(), r.value3(), r.value4(),
                r.value5() == null ? 0 : r.value5());
    }
}
