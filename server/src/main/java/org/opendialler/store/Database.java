package org.opendialler.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Function;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
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

    private final DbConfig config;
    private final HikariDataSource pool;
    private final DSLContext dsl;

    private Database(DbConfig config, HikariDataSource pool) {
        this.config = config;
        this.pool = pool;
        Settings settings = new Settings()
                .withRenderQuotedNames(RenderQuotedNames.EXPLICIT_DEFAULT_QUOTED)
                .withExecuteLogging(false)
                .withRenderSchema(false);
        this.dsl = DSL.using(pool, config.isPostgres() ? SQLDialect.POSTGRES : SQLDialect.H2,
                settings);
    }

    /** Opens the pool and applies any migration the schema lacks. */
    public static Database open(DbConfig config, MeterRegistry metrics, int poolSize) {
        HikariConfig hikari = new HikariConfig();
        hikari.setJdbcUrl(config.url());
        hikari.setUsername(config.user());
        hikari.setPassword(config.password());
        hikari.setMaximumPoolSize(poolSize);
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
        HikariDataSource pool = new HikariDataSource(hikari);
        try {
            migrate(config, pool);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
        return new Database(config, pool);
    }

    private static void migrate(DbConfig config, DataSource pool) {
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
        LOG.info("Database schema at version {} ({} migrations applied now)",
                result.targetSchemaVersion == null ? "current" : result.targetSchemaVersion,
                result.migrationsExecuted);
    }

    public DSLContext dsl() {
        return dsl;
    }

    public DataSource dataSource() {
        return pool;
    }

    public DbConfig config() {
        return config;
    }

    public boolean isPostgres() {
        return config.isPostgres();
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
