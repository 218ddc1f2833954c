package org.opendialler.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Result;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The database of one server: a connection pool, the schema brought up to date on open, and the
 * jOOQ context every query goes through. Values are always bound and identifiers always quoted by
 * jOOQ, so no text a user sends becomes SQL. Thread-safe.
 */
public final class Database implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Database.class);
    private static Thread jooqWarmUp;

    private final DbConfig config;
    private final HikariDataSource pool;
    private final DSLContext dsl;
    /** A table smaller than twice this (8 kB pages) is not analyzed again for its growth. */
    private static final long MIN_PAGES_TO_ANALYZE = 16;

    private Database(DbConfig config, HikariDataSource pool) {
        this.config = config;
        this.pool = pool;
        this.dsl = DSL.using(pool, dialect(config), settings());
    }

    private static Settings settings() {
        return new Settings()
                .withRenderQuotedNames(RenderQuotedNames.EXPLICIT_DEFAULT_QUOTED)
                .withExecuteLogging(false)
                .withRenderSchema(false);
    }

    private static SQLDialect dialect(DbConfig config) {
        return config.isPostgres() ? SQLDialect.POSTGRES : SQLDialect.H2;
    }

    /**
     * Opens the pool and applies any migration the schema lacks. A fresh embedded database
     * starts as a copy of the build's migrated one ({@link H2Template}).
     */
    public static Database open(DbConfig config, MeterRegistry metrics, int poolSize) {
        boolean copied = H2Template.seed(config);
        return open(config, metrics, poolSize, copied);
    }

    /** The build's way: every migration applied by Flyway to whatever {@code config} names. */
    static Database openUnseeded(DbConfig config) {
        return open(config, null, 2, false);
    }

    private static Database open(DbConfig config, MeterRegistry metrics, int poolSize,
            boolean copied) {
        Thread jooq = warmUpJooq();
        HikariDataSource pool = pool(config, metrics, poolSize);
        try {
            bringUpToDate(config, pool, copied);
            await(jooq);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
        return new Database(config, pool);
    }

    private static HikariDataSource pool(DbConfig config, MeterRegistry metrics, int size) {
        HikariConfig hikari = new HikariConfig();
        hikari.setJdbcUrl(config.url());
        hikari.setUsername(config.user());
        hikari.setPassword(config.password());
        hikari.setMaximumPoolSize(size);
        hikari.setPoolName("opendialler");
        hikari.setConnectionTimeout(10_000);
        if (config.schema() != null) {
            hikari.setSchema(config.schema());
        }
        if (config.isPostgres()) {
            // A statement batch of inserts goes as multi-row inserts: a fraction of the server's
            // work per row (a setting in the URL still wins).
            hikari.addDataSourceProperty("reWriteBatchedInserts", "true");
        }
        if (metrics != null) {
            hikari.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(metrics));
        }
        return new HikariDataSource(hikari);
    }

    private static void bringUpToDate(DbConfig config, DataSource pool, boolean copied) {
        if (copied && H2Template.madeFromTheseMigrations()) {
            LOG.info("Database made from the build's empty one, which has every migration on "
                    + "the class path");
            return;
        }
        migrate(config, pool, copied);
    }

    /**
     * Starts, once per process, rendering queries of the shapes the scripts use, without running
     * them, on a thread of its own: a second core loads and initialises jOOQ's classes (a large
     * part of a start) while the command line is parsed and the schema opened. {@link #open}
     * waits for it before anything else touches jOOQ, as two threads initialising jOOQ's classes
     * at once could each wait for the other. Commands that will open a database call it first.
     */
    public static synchronized Thread warmUpJooq() {
        if (jooqWarmUp == null) {
            jooqWarmUp = new Thread(() -> {
                try {
                    renderSamples(DSL.using(SQLDialect.H2, settings()));
                } catch (RuntimeException e) {
                    LOG.warn("jOOQ's warm-up failed; the first queries will do it", e);
                }
            }, "opendialler-jooq-warm-up");
            jooqWarmUp.setDaemon(true);
            jooqWarmUp.start();
        }
        return jooqWarmUp;
    }

    private static void renderSamples(DSLContext dsl) {
        Table<Record> table = DSL.table(DSL.name("warm_up"));
        Field<Long> id = DSL.field(DSL.name("id"), Long.class);
        Field<String> text = DSL.field(DSL.name("text"), String.class);

        dsl.select(id, text).from(table).where(id.eq(1L).and(text.isNotNull()))
                .orderBy(id.desc()).limit(10).offset(0).getSQL();
        dsl.selectCount().from(table).where(id.in(1L, 2L)).getSQL();
        dsl.insertInto(table).set(id, 1L).set(text, "a").returningResult(id).getSQL();
        dsl.update(table).set(text, "b").where(id.eq(1L)).getSQL();
        dsl.deleteFrom(table).where(id.eq(1L)).getSQL();
    }

    private static void await(Thread thread) {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while opening the database", e);
        }
    }

    private static void migrate(DbConfig config, DataSource pool, boolean copied) {
        // db/migration runs on both databases; what only one of them can express (partial
        // indexes on PostgreSQL) lives in that database's own location, same versions.
        // Migrations are numbered by area (docs/ARCHITECTURE.md), so a new one of an earlier
        // area comes below versions a database already has: it must still be applied.
        var flyway = Flyway.configure()
                .dataSource(pool)
                .locations("classpath:db/migration",
                        config.isPostgres() ? "classpath:db/postgresql" : "classpath:db/h2")
                .outOfOrder(true)
                .loggers("slf4j");
        if (config.schema() != null) {
            flyway.schemas(config.schema()).createSchemas(true);
        }
        MigrateResult result = flyway.load().migrate();
        String version = result.targetSchemaVersion == null ? result.initialSchemaVersion
                : result.targetSchemaVersion;
        LOG.info("Database schema at version {} ({} migrations applied now{})", version,
                result.migrationsExecuted, copied ? ", to a copy of the build's empty database"
                        : "");
    }

    public DSLContext dsl() {
        return dsl;
    }

    public DataSource dataSource() {
        return pool;
    }

    /**
     * Runs a query that jOOQ rendered once, {@code sql} with its {@code ?} placeholders, binding
     * {@code values} in order, and reads its rows as {@code fields}. Kept for the reads every
     * request makes: jOOQ's plain SQL path scans a statement's text for its placeholders on
     * each run, which cost more than reading one row by its key.
     */
    public Result<Record> fetchRendered(String sql, List<Field<?>> fields, Object... values) {
        Rendered query = new Rendered(sql, fields, Arrays.asList(values));
        return dsl.connectionResult(c -> fetch(c, query));
    }

    /**
     * Runs two rendered queries on one connection and answers their rows in order. PostgreSQL
     * gets them as one statement text, which its driver sends in a single round trip, so a
     * request whose token check and first read go together waits on the database once; H2,
     * in the same process, runs them one after the other.
     */
    public List<Result<Record>> fetchTogether(Rendered first, Rendered second) {
        return dsl.connectionResult(c -> {
            if (!isPostgres()) {
                return List.of(fetch(c, first), fetch(c, second));
            }
            try (PreparedStatement statement =
                    c.prepareStatement(first.sql() + ";\n" + second.sql())) {
                int slot = 1;
                for (Rendered query : List.of(first, second)) {
                    for (Object value : query.values()) {
                        statement.setObject(slot++, value);
                    }
                }
                statement.execute();
                Result<Record> firstRows = read(statement.getResultSet(), first);
                if (!statement.getMoreResults()) {
                    throw new SQLException("the second query of a pair answered no rows");
                }
                return List.of(firstRows, read(statement.getResultSet(), second));
            }
        });
    }

    private Result<Record> fetch(Connection c, Rendered query) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement(query.sql())) {
            for (int i = 0; i < query.values().size(); i++) {
                statement.setObject(i + 1, query.values().get(i));
            }
            return read(statement.executeQuery(), query);
        }
    }

    private Result<Record> read(ResultSet rows, Rendered query) throws SQLException {
        try (rows) {
            return dsl.fetch(rows, query.fields().toArray(Field<?>[]::new));
        }
    }

    public DbConfig config() {
        return config;
    }

    public boolean isPostgres() {
        return config.isPostgres();
    }

    /**
     * Analyzes {@code table} on PostgreSQL when it has no statistics yet or has at least doubled
     * in size since they were made. Planned from no statistics, or from statistics of a table a
     * fraction of its size (a first load, whose other rows were of another centre), the
     * dialler's claim walk read every record (hundreds of milliseconds a claim at 200,000)
     * instead of a hundred index entries, and autovacuum's next analyze can be a minute away.
     * The size is the table's file against the pages it had when analyzed, which is known at
     * once; a load of n rows in many requests analyzes about log2(n) times. Only
     * {@code columns} are analyzed (the table's size is still recorded): every column had
     * taken about a tenth of a 100,000-row load's time. Nothing on H2.
     */
    public void analyzeIfOutgrown(String table, List<String> columns) {
        if (!isPostgres()) {
            return;
        }
        Record sizes = dsl.fetchOne("SELECT reltuples, relpages, pg_relation_size(oid)"
                + " / current_setting('block_size')::bigint FROM pg_class"
                + " WHERE oid = to_regclass({0})", DSL.val(table));
        if (sizes == null) {
            return;
        }
        float rows = sizes.get(0, Float.class);
        long pagesThen = sizes.get(1, Long.class);
        long pagesNow = sizes.get(2, Long.class);
        if (rows < 0 || pagesNow >= 2 * Math.max(pagesThen, MIN_PAGES_TO_ANALYZE)) {
            LOG.info("Analyzing {} ({} pages, {} when last analyzed)", table, pagesNow,
                    rows < 0 ? "never" : pagesThen);
            // Another node analyzing it at the same moment is enough.
            dsl.execute("ANALYZE (SKIP_LOCKED) {0} ({1})", DSL.name(table),
                    DSL.list(columns.stream().map(DSL::name).toList()));
        }
    }

    /** Runs {@code work} in one transaction, committed when it returns normally. */
    public <T> T transaction(Function<DSLContext, T> work) {
        return dsl.transactionResult(c -> work.apply(c.dsl()));
    }

    /** Whether the database answers a trivial query within two seconds. */
    public boolean isHealthy() {
        try (Connection c = pool.getConnection()) {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public void close() {
        pool.close();
    }
}
