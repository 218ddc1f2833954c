package org.opendialler.bench;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * ecnow_records create over HTTP, 1,000 rows a request, with validation and phone
 * normalisation, against the same rows written by a plain JDBC batch into the same table.
 */
final class IngestBench {

    static final String TABLE = "bench";
    private static final int PER_REQUEST = 1_000;
    private static final Table<?> RECORDS = table(name("records"));
    private static final Field<Long> CCID = field(name("ccid"), Long.class);

    private final BenchServer server;
    long datasetId;
    long tableId;

    IngestBench(BenchServer server) {
        this.server = server;
    }

    List<Result> run(int rows) {
        String table = "[{\"name\":\"" + TABLE + "\"}]";
        server.http.post(query("campaign_tables"), table);
        String dataset = "[{\"table\":\"" + TABLE + "\",\"d_status\":\"LIVE\"}]";
        datasetId = BenchServer.json(server.http.post(query("ecnow_datasets"), dataset))
                .get("key").asLong();

        long httpNs = Timer.time(() -> viaHttp(rows));
        long jdbcNs = Timer.time(() -> viaJdbc(rows));

        double httpRate = rows / Timer.seconds(httpNs);
        double jdbcRate = rows / Timer.seconds(jdbcNs);
        String db = server.dbName();
        double ratio = httpRate / jdbcRate;
        boolean rateMet = !server.db().isPostgres() || httpRate >= 25_000;
        return List.of(new Result("ingest", db, "rows/s HTTP create vs JDBC batch", httpRate,
                jdbcRate, "rows/s", ">= 0.5x" + (server.db().isPostgres() ? ", >= 25000/s" : ""),
                ratio >= 0.5 && rateMet, rows + " rows"));
    }

    private String query(String method) {
        return "/ecnow.php?token=" + server.token + "&format=json&method=" + method
                + "&action=create&raw=1";
    }

    private void viaHttp(int rows) {
        for (int from = 0; from < rows; from += PER_REQUEST) {
            StringBuilder body = new StringBuilder("[");
            for (int i = from; i < Math.min(rows, from + PER_REQUEST); i++) {
                body.append(i == from ? "" : ",").append("{\"dataset\":").append(datasetId)
                        .append(",\"firstname\":\"Ann").append(i).append("\",\"lastname\":")
                        .append("\"Smith\",\"postcode\":\"LS1 4AP\",\"urn\":\"U").append(i)
                        .append("\",\"ddi_home\":\"").append(phone(i)).append("\"}");
            }
            String answer = server.http.post(query("ecnow_records"), body.append(']').toString());
            int written = BenchServer.json(answer).get("total").asInt();
            if (written != Math.min(PER_REQUEST, rows - from)) {
                throw new IllegalStateException("rows refused: " + answer);
            }
        }
    }

    /** A UK number in the range kept for drama, written the way people type it. */
    static String phone(int i) {
        return String.format("0113 496 %04d", i % 1000);
    }

    private void viaJdbc(int rows) {
        DSLContext dsl = server.server.database().dsl();
        Record1Values first = firstRecord(dsl);
        String sql = "INSERT INTO records (id, ccid, table_id, datasetid, firstname, lastname,"
                + " postcode, urn, homephone, homephone_e164, processtype, loaddate)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        try (Connection c = server.server.database().dataSource().getConnection();
                PreparedStatement insert = c.prepareStatement(sql)) {
            c.setAutoCommit(false);
            for (int i = 0; i < rows; i++) {
                bind(insert, first, i);
                insert.addBatch();
                if ((i + 1) % PER_REQUEST == 0 || i == rows - 1) {
                    insert.executeBatch();
                    c.commit();
                }
            }
            c.setAutoCommit(true);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void bind(PreparedStatement insert, Record1Values first, int i)
            throws SQLException {
        insert.setLong(1, 1_000_000_000_000L + i);
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

    private Record1Values firstRecord(DSLContext dsl) {
        var r = dsl.select(CCID, field(name("table_id"), Long.class),
                field(name("datasetid"), Long.class), field(name("processtype"), String.class),
                field(name("loaddate"), Long.class))
                .from(RECORDS).where(CCID.eq(server.ccid)).orderBy(DSL.field(name("id")))
                .limit(1).fetchOne();
        tableId = r.value2();
        return new Record1Values(r.value1(), r.value2(), r.value3(), r.value4(),
                r.value5() == null ? 0 : r.value5());
    }
}
